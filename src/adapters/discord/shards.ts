/** Which shards this process runs, out of how many. */
export interface ShardPlan {
  count: number;
  ids: number[];
}

/** "0-3,6" → [0, 1, 2, 3, 6]. */
export function parseShardIds(text: string): number[] {
  const ids = new Set<number>();
  for (const part of text.split(',')) {
    const [from = '', to = from] = part.split('-').map((value) => value.trim());
    for (let id = Number(from); id <= Number(to); id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

export interface ShardSettings {
  DISCORD_SHARDS?: 'auto' | number | undefined;
  DISCORD_SHARD_IDS?: string | undefined;
}

/**
 * The shard plan from the settings; `recommended` asks Discord (GET /gateway/bot) and is called
 * only for 'auto'. A subset of shards needs an explicit total, the same in every process: with
 * 'auto', two processes could be told different counts and split the servers differently.
 */
export async function planShards(settings: ShardSettings, recommended: () => Promise<number>): Promise<ShardPlan> {
  const total = settings.DISCORD_SHARDS ?? 'auto';
  if (settings.DISCORD_SHARD_IDS !== undefined) {
    if (total === 'auto') {
      throw new Error(
        'DISCORD_SHARD_IDS needs DISCORD_SHARDS set to the total number of shards (the same in every process), not auto',
      );
    }
    const ids = parseShardIds(settings.DISCORD_SHARD_IDS);
    const outside = ids.filter((id) => id >= total);
    if (outside.length > 0 || ids.length === 0) {
      throw new Error(
        `DISCORD_SHARD_IDS lists shard ${outside.join(', ')}, but DISCORD_SHARDS=${total} has shards 0–${total - 1}`,
      );
    }
    return { count: total, ids };
  }
  const count = total === 'auto' ? Math.max(1, await recommended()) : total;
  return { count, ids: Array.from({ length: count }, (_, id) => id) };
}
