/**
 * GB/T 4754-2017 《国民经济行业分类》: the full four-level tree (20 sections, 97 divisions,
 * 473 groups, 1,380 classes), code normalisation and a hierarchical similarity.
 *
 * Source: ../shared/domain/gbt4754-2017-all-levels.json and sectors-gbt4754-2017.json
 * (names and codes verified against zmshe/capital:src/utils/category.js; ISIC Rev.4 mapping is
 * approximate — the standard's correspondence to ISIC is NEQ, non-equivalent).
 *
 * @module
 */
import { createRequire } from 'node:module';

/**
 * The table's file, beside this module in the sources (`src/taxonomy/data/`) and beside the
 * bundles in the package (`dist/data/`, copied by the build): read on first use, so importing
 * finmatch does not pay for it.
 */
const SECTORS_FILE = './data/sectors.json';

/** Level of a sector code: 1 section (门类), 2 division (大类), 3 group (中类), 4 class (小类). */
export type SectorLevel = 1 | 2 | 3 | 4;

/** One node of the GB/T 4754-2017 tree. */
export interface SectorNode {
  /** Canonical code: a section letter (`C`) or the section letter followed by digits (`C39`, `C391`, `C3911`). */
  code: string;
  /** The bare code as printed in the standard: `C`, `39`, `391`, `3911`. */
  rawCode: string;
  level: SectorLevel;
  /** Section letter. */
  section: string;
  /** Chinese name as in the standard. */
  nameZh: string;
  /**
   * English name. Sections and divisions have their own; groups and classes carry their
   * division's English name (the source lists English names down to divisions only).
   */
  nameEn: string;
  /** Approximate ISIC Rev.4 section(s), e.g. `C` or `E/F`. */
  isicSection: string;
  /** Approximate ISIC Rev.4 division(s) for divisions and below, when known. */
  isicDivisions?: string;
  /** Canonical code of the parent, absent for sections. */
  parent?: string;
}

type SectorData = {
  sections: [string, string, string, string][];
  divisions: [string, string, string, string, string, string][];
  groups: [string, string][];
  classes: [string, string][];
};

let tree: Map<string, SectorNode> | undefined;
let divisionSection: Map<string, string> | undefined;

/**
 * finmatch's sector table file is missing (an installation problem, not bad input): validation
 * lets it through instead of reporting the record being validated as unreadable.
 */
export class SectorTableMissingError extends Error {
  override readonly name = 'SectorTableMissingError';
}

/**
 * The sector table from its file. A missing file is an installation problem — finmatch copied
 * into a single-file bundle without its `data/` folder — and is said so, once, in words a
 * deployer can act on (every sector code would otherwise fail to validate).
 */
function readSectorFile(): SectorData {
  try {
    return createRequire(import.meta.url)(SECTORS_FILE) as SectorData;
  } catch (error) {
    throw new SectorTableMissingError(
      `finmatch cannot read its GB/T 4754-2017 sector table ${SECTORS_FILE} next to ${import.meta.url}: ` +
        'when finmatch is bundled into one file, keep finmatch external or copy ' +
        'node_modules/finmatch/dist/data/ next to the bundle (finmatch 无法读取行业分类表 data/sectors.json：打包时请将 finmatch 设为 external，或将 dist/data/ 复制到打包文件旁)',
      { cause: error },
    );
  }
}

function load(): Map<string, SectorNode> {
  if (tree) return tree;
  const d = readSectorFile();
  const nodes = new Map<string, SectorNode>();
  const divSec = new Map<string, string>();
  const sectionIsic = new Map<string, string>();
  for (const [code, zh, en, isic] of d.sections) {
    nodes.set(code, {
      code,
      rawCode: code,
      level: 1,
      section: code,
      nameZh: zh,
      nameEn: en,
      isicSection: isic,
    });
    sectionIsic.set(code, isic);
  }
  const divEn = new Map<string, string>();
  for (const [code, section, zh, en, isicSec, isicDiv] of d.divisions) {
    divSec.set(code, section);
    divEn.set(code, en);
    nodes.set(section + code, {
      code: section + code,
      rawCode: code,
      level: 2,
      section,
      nameZh: zh,
      nameEn: en,
      isicSection: isicSec,
      isicDivisions: isicDiv || undefined,
      parent: section,
    });
  }
  const addLower = (code: string, zh: string, level: 3 | 4) => {
    const div = code.slice(0, 2);
    const section = divSec.get(div);
    if (section === undefined) throw new Error(`sector data: no division for ${code}`);
    const parentNode = nodes.get(section + div);
    nodes.set(section + code, {
      code: section + code,
      rawCode: code,
      level,
      section,
      nameZh: zh,
      nameEn: divEn.get(div) ?? '',
      isicSection: parentNode?.isicSection ?? sectionIsic.get(section) ?? '',
      isicDivisions: parentNode?.isicDivisions,
      parent: section + code.slice(0, level === 3 ? 2 : 3),
    });
  };
  for (const [code, zh] of d.groups) addLower(code, zh, 3);
  for (const [code, zh] of d.classes) addLower(code, zh, 4);
  tree = nodes;
  divisionSection = divSec;
  return nodes;
}

/**
 * Normalises a sector code written at any level and in any of the usual ways — `C`, `c`,
 * `C39`, `39`, `391`, `3911`, `C3911`, `C-3911`, ` C 3911 ` — to its canonical form
 * (`C3911`). Full-width forms (`Ｃ３９１１`) are folded to ASCII. Returns `undefined` when the code does not exist in GB/T 4754-2017, including
 * when a section letter contradicts the digits (`A3911`).
 *
 * @example normalizeSectorCode('3911') // 'C3911'
 */
export function normalizeSectorCode(input: string): string | undefined {
  if (typeof input !== 'string' || input.length > MAX_SECTOR_INPUT) return undefined;
  // NFKC folds full-width letters and digits typed with a Chinese IME (Ｃ３９１１) to ASCII.
  const s = input
    .normalize('NFKC')
    .replace(/[\s\-_.]/g, '')
    .toUpperCase();
  const m = /^([A-T])?(\d{2,4})?$/.exec(s);
  if (!m || s.length === 0) return undefined;
  const nodes = load();
  const [, letter, digits] = m;
  if (digits === undefined) return letter !== undefined && nodes.has(letter) ? letter : undefined;
  const section = divisionSection!.get(digits.slice(0, 2));
  if (section === undefined) return undefined;
  if (letter !== undefined && letter !== section) return undefined;
  const code = section + digits;
  return nodes.has(code) ? code : undefined;
}

/** Longest input {@link normalizeSectorCode} looks at; longer strings are not codes. */
const MAX_SECTOR_INPUT = 32;

/**
 * Normalises a sector code *prefix* as used by products and investors to target or exclude
 * sectors. Same rules as {@link normalizeSectorCode}; a prefix must itself be a node.
 */
export const normalizeSectorPrefix = normalizeSectorCode;

/** The node for a code (any accepted spelling), or `undefined`. */
export function getSector(code: string): SectorNode | undefined {
  const c = normalizeSectorCode(code);
  return c === undefined ? undefined : load().get(c);
}

/** Every node of the tree, sections first then by code. */
export function allSectors(): SectorNode[] {
  return [...load().values()].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
}

/** The sector codes at one level, sorted. */
export function sectorsAtLevel(level: SectorLevel): SectorNode[] {
  return allSectors().filter((n) => n.level === level);
}

/** Level of a canonical code: 1 for `C`, 2 for `C39`, 3 for `C391`, 4 for `C3911`. */
export function sectorLevel(canonical: string): SectorLevel {
  // The section letter alone is level 1; below it, the digits count from 2 (C39) to 4 (C3911).
  return (canonical.length === 1 ? 1 : canonical.length - 1) as SectorLevel;
}

/** True when canonical code `code` lies under (or is) canonical `prefix`. */
export function sectorIsUnder(code: string, prefix: string): boolean {
  return code.startsWith(prefix);
}

/**
 * Similarity of two canonical sector codes by the depth of their deepest common ancestor.
 * Both codes are compared down to the shallower one's level; weights are in
 * {@link SECTOR_SIMILARITY}: same class 1, same group 0.8, same division 0.6, same section
 * 0.3, nothing in common 0. A code compared with one of its own ancestors (a product that
 * targets all of `C39`) scores 1: the target contains the enterprise.
 *
 * Symmetric and in [0, 1].
 */
export function sectorSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const short = a.length <= b.length ? a : b;
  const long = a.length <= b.length ? b : a;
  if (long.startsWith(short)) return 1;
  let common = 0;
  const n = Math.min(a.length, b.length);
  while (common < n && a.charCodeAt(common) === b.charCodeAt(common)) common++;
  return SECTOR_SIMILARITY[common as 0 | 1 | 2 | 3 | 4];
}

/**
 * Similarity weights by the number of shared leading characters of two canonical codes
 * (0: different sections; 1: same section; 2: the section letter and the first division digit
 * — not a level, scored as the section; 3: same division; 4 would be same group, handled by
 * prefix containment or the class rule). Documented design choice: a division is a coherent
 * industry (e.g. C39 computers/communication/electronics), a section is broad (C is all of
 * manufacturing), so the drop from division to section is the largest.
 */
export const SECTOR_SIMILARITY: Readonly<Record<0 | 1 | 2 | 3 | 4, number>> = Object.freeze({
  0: 0,
  1: 0.3,
  2: 0.3,
  3: 0.6,
  4: 0.8,
});
