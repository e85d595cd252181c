import { describe, expect, it } from 'vitest';
import { realEngine } from '../support/engine.js';

const engine = realEngine();
const all = ['pescantina', 'vilnius-district', 'dasing', 'vawkavysk', 'sabinov', 'berdychiv', 'kirov'];

describe('a facet asked of every partner outright', () => {
  it.each([
    ['signing_date', 'Proszę podać daty podpisania wszystkich umów partnerskich.'],
    ['signing_date', 'kiedy podpisano umowy z kazdym partnerem?'],
    ['signing_date', 'when were all the agreements signed?'],
    ['signing_date', 'quando sono stati firmati tutti gli accordi?'],
    ['distance', 'how far are all the partners from Siedlce?'],
    ['distance', 'jak daleko sa wszystkie miasta partnerskie?'],
    ['distance', 'quanto distano tutte le città gemellate?'],
  ])('%s: %s answers for each, asking back for none', (intent, text) => {
    const reply = engine.answer({ text });
    expect(reply.intent).toBe(intent);
    expect([...reply.partners].sort()).toEqual([...all].sort());
    expect(reply.text).not.toContain(engine.say(reply.language, 'whichPartner'));
  });

  it.each([
    ['pl', 'Kiedy podpisano umowę?'],
    ['en', 'how far is it?'],
  ])('%s: a facet of nobody in particular still waits for its partner: %s', (_language, text) => {
    const reply = engine.answer({ text });
    expect(reply.partners).toEqual([]);
    expect(reply.text).toContain(engine.say(reply.language, 'whichPartner'));
  });
});
