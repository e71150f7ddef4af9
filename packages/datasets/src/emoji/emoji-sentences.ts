import * as tf from '@tensorflow/tfjs';
import { DlkitError, RandomState, assertOptions } from '@dlkit/core';
import { packageDataFile, readText } from '../internal/resolve.js';
import { checkSeed } from '../internal/options.js';

/** One class of {@link loadEmojiSentences}. */
export interface EmojiClass {
  /** The class index, `0…4`. */
  readonly label: number;
  /** The emoji's name, as in the course's `emoji_dictionary` (`':heart:'` without colons). */
  readonly name: string;
  /** The emoji itself. */
  readonly emoji: string;
}

/** The five classes of {@link loadEmojiSentences}: label `i` is `EMOJI_CLASSES[i]` (the course's `emoji_dictionary`). */
export const EMOJI_CLASSES: readonly EmojiClass[] = [
  { label: 0, name: 'heart', emoji: '❤️' },
  { label: 1, name: 'baseball', emoji: '⚾' },
  { label: 2, name: 'smile', emoji: '😄' },
  { label: 3, name: 'disappointed', emoji: '😞' },
  { label: 4, name: 'fork_and_knife', emoji: '🍴' },
];

/** Options for {@link loadEmojiSentences}. */
export interface EmojiSentencesOptions {
  /** Lower-case the sentences (the course's `sentences_to_indices` does). Default false. */
  lowercase?: boolean;
  /** Shuffle each split. Default false (the file's order). */
  shuffle?: boolean;
  /** Seed of the shuffle (NumPy-compatible). Default 0. */
  seed?: number;
  /** Read another CSV with the same columns (`sentence,label,split`) instead of the bundled one. */
  file?: string;
}

/** One split of the emoji sentences. The caller owns `y`. */
export interface EmojiSplit {
  /** The sentences. */
  x: string[];
  /** int32 `[m]`: class indices `0…4`. */
  y: tf.Tensor1D;
}

/** What {@link loadEmojiSentences} loaded. */
export interface EmojiInfo {
  /** `'emoji-sentences'`. */
  name: string;
  /** The file read. */
  source: string;
  /** The five classes with their emoji. */
  classes: readonly EmojiClass[];
  /** Words in the longest sentence (the course's `maxLen`). */
  maxLength: number;
}

/** The emoji sentences as {@link loadEmojiSentences} returns them. */
export interface EmojiData {
  /** 200 training sentences, 40 per class. */
  train: EmojiSplit;
  /** 50 test sentences, 10 per class. */
  test: EmojiSplit;
  /** Classes, the longest sentence's length and the file. */
  info: EmojiInfo;
}

/**
 * Loads dlkit's emoji-sentence set, written for dlkit as a stand-in for the course's Emojify data:
 * 250 short English sentences, each labelled with one of five emoji (❤️ love, ⚾ sport,
 * 😄 happy, 😞 sad, 🍴 food), 50 per class, with a fixed train / test split (40 / 10 per class).
 * The CSV ships in this package (`data/emoji-sentences.csv`, MIT). Node only.
 *
 * @param options - Case, seeded shuffling, or another CSV file.
 * @returns `{ train, test, info }`: sentences as strings, labels as int32 tensors (the caller owns them).
 * @throws DlkitError `io` naming the file and line when a row is malformed.
 *
 * @example
 * ```ts
 * import { EMOJI_CLASSES, loadEmojiSentences } from '@dlkit/datasets';
 * const { train, test, info } = await loadEmojiSentences();
 * const label = train.y.dataSync()[0] as number;
 * console.log(train.x[0], EMOJI_CLASSES[label]?.emoji, info.maxLength); // I love you ❤️ 10
 * train.y.dispose();
 * test.y.dispose();
 * ```
 *
 * @category C5 W2 · Emojify
 */
export async function loadEmojiSentences(options: EmojiSentencesOptions = {}): Promise<EmojiData> {
  const fn = 'loadEmojiSentences';
  const {
    lowercase = false,
    shuffle = false,
    seed = 0,
  } = assertOptions(fn, 'options', options, ['file', 'lowercase', 'seed', 'shuffle']);
  checkSeed(fn, seed);
  const file = options.file ?? (await packageDataFile('emoji-sentences.csv'));
  const rows = parseEmojiCsv(fn, file, await readText(fn, file));
  const rng = new RandomState(seed);
  const build = (split: 'train' | 'test'): EmojiSplit => {
    const part = rows.filter((r) => r.split === split);
    if (shuffle) rng.shuffle(part);
    return {
      x: part.map((r) => (lowercase ? r.sentence.toLowerCase() : r.sentence)),
      y: tf.tensor1d(
        part.map((r) => r.label),
        'int32',
      ),
    };
  };
  const train = build('train');
  const test = build('test');
  return {
    train,
    test,
    info: {
      name: 'emoji-sentences',
      source: file,
      classes: EMOJI_CLASSES,
      maxLength: Math.max(...rows.map((r) => r.sentence.split(/\s+/).length)),
    },
  };
}

interface Row {
  sentence: string;
  label: number;
  split: 'train' | 'test';
}

/** Parses `sentence,label,split` rows (a sentence may be double-quoted to hold commas). */
function parseEmojiCsv(fn: string, file: string, text: string): Row[] {
  const lines = text.split(/\r?\n/);
  if (lines[0]?.trim() !== 'sentence,label,split') {
    throw new DlkitError(
      'io',
      fn,
      `${file}: the header must be "sentence,label,split", got ${JSON.stringify(lines[0])}`,
    );
  }
  const rows: Row[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const match = /^(?:"((?:[^"]|"")*)"|([^",]*)),(\d+),(train|test)$/.exec(line);
    const label = match ? Number(match[3]) : NaN;
    if (!match || label > 4) {
      throw new DlkitError(
        'io',
        fn,
        `${file}, line ${i + 1}: expected "sentence,label,split" with a label 0…4 and split train or test, got ${JSON.stringify(line)}`,
      );
    }
    const sentence = match[1] !== undefined ? match[1].replace(/""/g, '"') : (match[2] as string);
    rows.push({ sentence, label, split: match[4] as 'train' | 'test' });
  }
  if (rows.length === 0) throw new DlkitError('io', fn, `${file} holds no sentences`);
  return rows;
}
