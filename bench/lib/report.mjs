// The benchmark's rows and how they are printed: each row is one thing finmatch does, what it
// times (the public API, an internal function, or the command line), its p50 and p95 over `n`
// calls, the same-run anchors beside it with the ratio finmatch ÷ anchor (below 1: finmatch is
// faster), and the goal with the level met (target, floor, or missed).

/**
 * A row: times in ms, or with `unit: 'B'` bytes (a memory row: p50 is its one measurement,
 * its anchors' too). `goal`: `{ text, p50?: [target, floor], p95?: [target, floor], ratio?: { anchor,
 * max: [target, floor] } }` (ms, or the ratio finmatch ÷ that anchor's p50).
 */
export function row({ section, name, times, n, p50, p95, unit, anchors = [], goal, notes = {} }) {
  const withRatios = anchors.map((a) => ({
    ...a,
    ratio: Number.isFinite(p50) && a.p50 > 0 ? p50 / a.p50 : undefined,
  }));
  return {
    section,
    name,
    times,
    n,
    p50,
    p95,
    ...(unit ? { unit } : {}),
    anchors: withRatios,
    goal,
    notes,
  };
}

const LEVELS = ['target', 'floor', 'missed'];

function level(value, [target, floor]) {
  if (!Number.isFinite(value)) return 'missed';
  return value <= target ? 'target' : value <= floor ? 'floor' : 'missed';
}

/** The goal level a row meets: the worst of its criteria; undefined without a goal. */
export function meets(r) {
  const g = r.goal;
  if (!g) return undefined;
  const found = [];
  if (g.p50) found.push(level(r.p50, g.p50));
  if (g.p95) found.push(level(r.p95, g.p95));
  if (g.ratio) {
    const a = r.anchors.find((x) => x.name === g.ratio.anchor);
    found.push(a ? level(a.ratio, g.ratio.max) : 'missed');
  }
  return found.reduce((w, l) => (LEVELS.indexOf(l) > LEVELS.indexOf(w) ? l : w), 'target');
}

/** Milliseconds for people: 0.051 ms, 4.7 ms, 183 ms, 10.5 s. */
export function ms(x) {
  if (x === undefined || x === null) return '—';
  if (!Number.isFinite(x)) return 'error';
  if (x >= 10000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  if (x >= 100) return `${x.toFixed(0)} ms`;
  if (x >= 10) return `${x.toFixed(1)} ms`;
  if (x >= 1) return `${x.toFixed(2)} ms`;
  return `${x.toPrecision(2)} ms`;
}

/** A row's value as its unit says: bytes (`unit: 'B'`) or milliseconds. */
export function value(x, unit) {
  if (unit !== 'B') return ms(x);
  if (x === undefined || x === null) return '—';
  return Number.isFinite(x) ? `${Math.round(x)} B` : 'error';
}

function ratio(x) {
  if (x === undefined || !Number.isFinite(x)) return '—';
  return x >= 10 ? `${x.toFixed(0)}×` : x >= 1 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}

function cell(s) {
  return String(s).replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function anchorsCell(r) {
  if (r.anchors.length === 0) return '—';
  return r.anchors
    .map((a) => {
      const times =
        a.p95 !== undefined
          ? `${value(a.p50, r.unit)} / ${value(a.p95, r.unit)}`
          : value(a.p50, r.unit);
      return `${a.name}: ${times} (${ratio(a.ratio)})`;
    })
    .join('; ');
}

function notesCell(notes) {
  return Object.entries(notes)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k} ${typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(3) : v}`)
    .join(', ');
}

/**
 * The Markdown table of `rows`: what is timed, through which door, n, finmatch's p50 and p95,
 * the anchors of the same run (p50 / p95, finmatch ÷ anchor), the goal and the level met.
 */
export function markdownTable(rows, { goals = true, notes = true } = {}) {
  const head = [
    'what is timed',
    'times',
    'n',
    'finmatch p50',
    'p95',
    'same-run anchors: p50 / p95 (finmatch ÷ anchor)',
  ];
  if (goals) head.push('goal (floor)', 'meets');
  if (notes) head.push('notes');
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map((h, i) => (i >= 2 && i <= 4 ? '---:' : '---')).join('|')}|`,
  ];
  for (const r of rows) {
    const cells = [
      r.name,
      r.times,
      r.n ?? '—',
      value(r.p50, r.unit),
      value(r.p95, r.unit),
      anchorsCell(r),
    ];
    if (goals) cells.push(r.goal?.text ?? '—', r.meets ?? '—');
    if (notes) cells.push(notesCell(r.notes) || '—');
    lines.push(`| ${cells.map(cell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/**
 * Rows from a part written beside the runner, whatever its shape: an array of rows, or
 * `{ rows }`, each with a name (`name`, `target`, `what` or `label`), a time (`p50`, `ms`,
 * `finmatchMs`, `fastMs`, `medianMs`), maybe `p95`, `n`, `anchors` (`[{ name, p50, p95 }]`)
 * or one `anchorMs` (named `anchorName`, else `defaultAnchor`), and anything else as notes.
 * Rows that give one statistic each (`stat: 'p50' | 'p95' | 'once'`, with `goalMs` and
 * `floorMs`) are merged into one row per name. A part's own `ratio` and `pass` are dropped:
 * the runner recomputes both from the times, finmatch ÷ anchor, as in its own rows.
 */
export function partRows(section, result, { defaultAnchor = 'anchor', goals = {} } = {}) {
  const list = Array.isArray(result) ? result : Array.isArray(result?.rows) ? result.rows : [];
  const byName = new Map();
  const passed = [];
  for (const r of list) {
    // A row already made with this module's `row()`: kept as it is, under the part's section.
    if (Array.isArray(r.anchors) && typeof r.times === 'string' && typeof r.section === 'string') {
      passed.push({ ...r, section });
      continue;
    }
    const {
      name,
      what,
      target,
      label,
      key: _key,
      times,
      n,
      stat,
      p50,
      ms: single,
      finmatchMs,
      fastMs,
      medianMs,
      p95,
      anchors,
      anchorName,
      anchorMs,
      anchorP50,
      anchorP95,
      goalMs,
      floorMs,
      ratio: _ratio,
      pass: _pass,
      ...rest
    } = r;
    const title = String(name ?? target ?? what ?? label ?? '(unnamed)');
    const own = [p50, single, finmatchMs, fastMs, medianMs].find((x) => typeof x === 'number');
    const other = [anchorP50, anchorMs].find((x) => typeof x === 'number');
    let out = byName.get(title);
    if (!out) {
      out = {
        section,
        name: title,
        times: typeof times === 'string' ? times : 'public API',
        n,
        anchors: [],
        goal: goals[title],
        notes: {},
      };
      byName.set(title, out);
    }
    const isP95 = stat === 'p95';
    if (isP95) out.p95 = own;
    else {
      out.p50 = own;
      if (typeof p95 === 'number') out.p95 = p95;
    }
    if (Array.isArray(anchors))
      for (const a of anchors)
        out.anchors.push({
          name: a.name ?? a.label ?? defaultAnchor,
          p50: [a.p50, a.ms, a.medianMs].find((x) => typeof x === 'number'),
          p95: a.p95,
        });
    else if (typeof other === 'number') {
      const nameOf = typeof anchorName === 'string' ? anchorName : defaultAnchor;
      let a = out.anchors.find((x) => x.name === nameOf);
      if (!a) out.anchors.push((a = { name: nameOf }));
      if (isP95) a.p95 = other;
      else {
        a.p50 = other;
        if (typeof anchorP95 === 'number') a.p95 = anchorP95;
      }
    }
    if (typeof goalMs === 'number' && !goals[title]) {
      out.goal ??= { text: '', own: true };
      out.goal[isP95 ? 'p95' : 'p50'] = [goalMs, floorMs ?? goalMs];
    }
    for (const [k, v] of Object.entries(rest))
      if (['number', 'string', 'boolean'].includes(typeof v)) out.notes[k] = v;
  }
  return [...passed, ...byName.values()].map((r) => {
    if (passed.includes(r)) return r;
    if (r.goal?.own)
      r.goal.text = [
        r.goal.p50 && `p50 ≤ ${r.goal.p50[0]} ms (${r.goal.p50[1]} ms)`,
        r.goal.p95 && `p95 ≤ ${r.goal.p95[0]} ms (${r.goal.p95[1]} ms)`,
      ]
        .filter(Boolean)
        .join(', ');
    return row(r);
  });
}
