import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../server/import/detect-language';

describe('detectLanguage', () => {
  it.each([
    ['nl', 'Ik woon hier nu ongeveer twaalf jaar. Toen mijn dochter geboren werd, zijn we naar deze buurt verhuisd, en sindsdien is er veel veranderd in de wijk.'],
    ['nl', 'Wat betekent preventie voor u? Er zijn voordat het misgaat, denk ik. De jongeren hebben nu minder plekken waar ze terecht kunnen.'],
    ['fr', "J'habite ici depuis une douzaine d'années. Quand ma fille est née, nous avons déménagé dans ce quartier, et depuis beaucoup de choses ont changé."],
    ['fr', "Qu'est-ce que la prévention pour vous ? Être là avant que les choses tournent mal. Les jeunes ont moins d'endroits où aller."],
    ['en', 'I have lived here for about twelve years now. When my daughter was born we moved to this neighbourhood, and a lot has changed since then.'],
    ['en', 'What does prevention mean to you? Being there before things go wrong. Young people have fewer places to go these days.'],
    ['other', 'Ich wohne hier seit ungefähr zwölf Jahren. Als meine Tochter geboren wurde, sind wir in dieses Viertel gezogen, und seitdem hat sich viel verändert.'],
    ['other', 'Vivo aquí desde hace unos doce años. Cuando nació mi hija nos mudamos a este barrio y desde entonces han cambiado muchas cosas.'],
    ['other', 'Ok.'],
    ['other', ''],
    ['other', '12:30 — 45 % — 2025-03-01'],
  ] as const)('%s: %s', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('detects the language of a long transcript from its text', () => {
    const text = Array.from({ length: 200 }, () => 'De buurt is rustiger geworden, maar de jongeren missen het jeugdhuis.').join('\n\n');
    expect(detectLanguage(text)).toBe('nl');
  });
});
