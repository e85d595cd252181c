import type { Engine, Reply } from '../engine/index.js';
import type { Picture, PictureService } from '../pictures/index.js';

export type { Picture };

/** Draws the picture a reply asks for (a map or a timeline), in the reply's language. */
export interface ReplyPictures {
  forReply(reply: Reply): Promise<Picture | undefined>;
}

/**
 * The renderer (map shapes, font, resvg) is loaded on the first picture asked for, so a bot that
 * is never asked for one starts and runs without it; pictures are cached per language and partner.
 */
export function createReplyPictures(engine: () => Engine): ReplyPictures {
  let service: Promise<PictureService> | undefined;
  const load = () => {
    service ??= import('../pictures/index.js').then(({ createPictureService }) =>
      createPictureService({
        dataset: () => engine().knowledge.dataset,
        title: ({ kind, language }) => engine().say(language, `pictures.${kind}Title`),
      }),
    );
    return service;
  };
  return {
    async forReply(reply) {
      if (!reply.picture) return undefined;
      const pictures = await load();
      return pictures.picture({
        kind: reply.picture.kind,
        language: reply.language,
        highlight: reply.picture.highlight,
      });
    },
  };
}
