import { createTelegramBot } from '../../src/adapters/telegram/bot.js';
import type { Assistant } from '../../src/service/assistant.js';
import { FAKE_BOT, startFakeBotApi } from './fake-bot-api.js';
import { silentLogger, type TestState, testAssistant } from './support.js';

type BotOptions = Parameters<typeof createTelegramBot>[0];

/**
 * The bot on a fresh fake Bot API, answering through a real assistant on a temporary store, and
 * knowing itself as a bot in groups with inline mode (as getMe would say). What is to be stopped
 * after the test goes into `cleanups`.
 */
export async function botOnFakeApi(
  cleanups: (() => Promise<unknown>)[],
  options: Partial<Omit<BotOptions, 'assistant'>> & { assistant?: (state: TestState) => Assistant } = {},
) {
  const api = await startFakeBotApi();
  const state = testAssistant();
  cleanups.push(
    () => api.close(),
    () => state.close(),
  );
  const { assistant, ...rest } = options;
  const bot = createTelegramBot({
    assistant: assistant?.(state) ?? state.assistant,
    logger: silentLogger(),
    token: api.token,
    apiRoot: api.url,
    ...rest,
  });
  bot.botInfo = {
    ...FAKE_BOT,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
  };
  return { api, bot, state };
}
