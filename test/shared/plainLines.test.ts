import type { Node } from 'prosemirror-model';
import { parsePlainLines, parsePlainText, type PlainLine } from '../../shared/plainText';

// Lines with marks (an imported Word draft) follow the plain form's rules; each mark lands on
// the words it covered, after numbers, control characters and surrounding spaces are gone.

const marked = (doc: Node) => {
  const runs: [string, string][] = [];
  doc.descendants((node) => {
    if (node.isText && node.marks.length > 0)
      runs.push([node.text!, node.marks.map((m) => m.type.name).join('+')]);
  });
  return runs;
};

const at = (line: string, words: string, mark: 'strong' | 'em') => {
  const from = line.indexOf(words);
  return { from, to: from + words.length, mark };
};

test('a mark follows its words past the number, a control character and the spaces trimmed', () => {
  const ayat = '  (1) Kata\u0007 tebal dan miring.';
  const lines: PlainLine[] = [
    { text: 'NOTA KESEPAKATAN' },
    { text: 'Pasal 1' },
    { text: 'Umum', marks: [at('Umum', 'Umum', 'strong')] },
    { text: ayat, marks: [at(ayat, 'tebal', 'strong'), at(ayat, 'tebal dan miring', 'em')] },
  ];
  const { doc } = parsePlainLines(lines);
  // The heading takes no marks; the ayat's number is derived, never marked.
  expect(marked(doc)).toEqual([
    ['tebal', 'strong+em'],
    [' dan miring', 'em'],
  ]);
  expect(doc.textContent).toContain('Kata tebal dan miring.');
});

test('lines without marks parse exactly as the same text does', () => {
  const text = 'NOTA KESEPAKATAN\nPasal 1\nUmum\n(1) Isi.\n(2) Lihat ayat (1).';
  const fromLines = parsePlainLines(
    text.split('\n').map((line) => ({ text: line })),
    (
      (n) => () =>
        `id-${n++}`
    )(0),
  ).doc;
  const fromText = parsePlainText(
    text,
    (
      (n) => () =>
        `id-${n++}`
    )(0),
  );
  expect(fromLines.toJSON()).toEqual(fromText.toJSON());
});
