// Loaded with `node --import`: writes "IMPORTED <package>" on stderr for every chat platform or
// Redis package the process resolves, so a test can tell what a command loads.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(result.url);
  if (match && /^(discord\\.js|@discordjs\\/.*|telegraf|@redis\\/client|@keyv\\/redis)$/.test(match[1])) {
    process.stderr.write('IMPORTED ' + match[1] + '\\n');
  }
  return result;
}`)}`,
);
