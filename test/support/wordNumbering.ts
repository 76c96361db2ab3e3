import { AlignmentType, LevelFormat, type ILevelsOptions } from 'docx';

/** A Word list level `text` (e.g. `(%1)`, `%2.`) at `level`, as a bureau's template sets it. */
const level = (n: number, format: ILevelsOptions['format'], text: string): ILevelsOptions => ({
  level: n,
  format,
  text,
  alignment: AlignmentType.LEFT,
});

/**
 * Word's automatic numbering of ayat `(1)` (reference `ayat`), with huruf `a.` at level 1 when
 * `withHuruf`: the numbering the tests' Word drafts use.
 */
export function ayatNumbering(withHuruf = false) {
  const levels = [level(0, LevelFormat.DECIMAL, '(%1)')];
  if (withHuruf) levels.push(level(1, LevelFormat.LOWER_LETTER, '%2.'));
  return { config: [{ reference: 'ayat', levels }] };
}
