// `npm run ask` preloads node-version.js, which checks the Node version and enables the compile
// cache. Started as plain `node dist/cli/ask.js`, Node would compile every module of the answer
// before a static import of it could run, so it comes first and the command is loaded after it.
import './node-version.js';

await import('./ask-command.js');
