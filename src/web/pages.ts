import { html, raw } from 'hono/html';
import type { Config } from '../config.ts';
import type { Translate } from '../i18n/translate.ts';
import type { Board, BoardTask } from './board-model.ts';

type Markup = ReturnType<typeof html>;

/** The board's query: each filter a parameter, so that a filtered view is a link. */
export interface BoardFilters {
  unit?: string;
  category?: string;
  light?: string;
  q?: string;
}

export interface PageDeps {
  t: Translate;
  config: Pick<Config, 'mapTileUrl' | 'mapTileAttribution' | 'locale'>;
}

async function layout(deps: PageDeps, title: string, body: Markup, options: { map?: boolean } = {}): Promise<string> {
  const { t } = deps;
  const page = html`<!doctype html>
<html lang="${deps.config.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/assets/board.css">
${options.map ? html`<link rel="stylesheet" href="/assets/leaflet.css"><link rel="stylesheet" href="/assets/markercluster.css">` : ''}
</head>
<body>
<header><h1>${t('board.title')}</h1><nav><a href="/">${t('board.nav.board')}</a><a href="/map">${t('board.nav.map')}</a><a href="/api/tasks.json">JSON</a><a href="/tasks.csv">CSV</a></nav></header>
<main>${body}</main>
<footer class="muted">${t('board.footer')}</footer>
${options.map ? html`<script src="/assets/leaflet.js"></script><script src="/assets/markercluster.js"></script><script src="/assets/map.js"></script>` : ''}
</body>
</html>`;
  return String(await page);
}

const lightDot = (task: Pick<BoardTask, 'light' | 'status'>) => html`<span class="light ${task.light ?? ''}"></span>`;

function lightWord(t: Translate, task: Pick<BoardTask, 'light' | 'status'>): string {
  if (task.status === 'withdrawn') return t('board.withdrawn');
  return task.light ? t(`table.light.${task.light}`) : t('board.noLight');
}

const dueText = (t: Translate, task: Pick<BoardTask, 'due'>) => task.due ?? t('board.standing');

/** The markers' data, in the page itself: JSON with `<` escaped, so no text can close the script. */
function mapPoints(points: readonly { code: string; title: string; light: string | null; lat: number; lng: number }[]): Markup {
  const json = JSON.stringify(points.map((p) => ({ ...p, href: `/tasks/${encodeURIComponent(p.code)}` }))).replace(/</g, '\\u003c');
  return html`<script id="map-points" type="application/json">${raw(json)}</script>`;
}

function mapBlock(deps: PageDeps, points: Parameters<typeof mapPoints>[0]): Markup {
  const tiles = deps.config.mapTileUrl;
  return html`<div id="map" data-tiles="${tiles ?? ''}" data-attribution="${deps.config.mapTileAttribution ?? ''}" role="img" aria-label="${deps.t('board.mapLabel', { count: points.length })}"></div>${mapPoints(points)}
${tiles ? '' : html`<p class="muted">${deps.t('board.noTiles')}</p>`}`;
}

export function matches(task: BoardTask, filters: BoardFilters): boolean {
  if (filters.unit && task.unit !== filters.unit && !task.coUnits.includes(filters.unit)) return false;
  if (filters.category && task.category !== filters.category) return false;
  if (filters.light && (filters.light === 'withdrawn' ? task.status !== 'withdrawn' : task.light !== filters.light || task.status === 'withdrawn')) return false;
  if (filters.q) {
    const q = filters.q.toLowerCase();
    if (![task.code, task.title, task.unit, task.target ?? '', task.category ?? ''].some((text) => text.toLowerCase().includes(q))) return false;
  }
  return true;
}

/** `/`: the counts by light, the filters, the tasks red first, the units side by side, and the map. */
export function boardPage(deps: PageDeps, board: Board, filters: BoardFilters, points: Parameters<typeof mapPoints>[0]): Promise<string> {
  const { t } = deps;
  const shown = board.tasks.filter((task) => matches(task, filters));
  const units = [...new Set(board.tasks.map((task) => task.unit))].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
  const categories = [...new Set(board.tasks.map((task) => task.category).filter((c): c is string => c !== null))].sort();
  const option = (value: string, label: string, selected: string | undefined) => html`<option value="${value}"${selected === value ? raw(' selected') : ''}>${label}</option>`;
  const body = html`
<p class="muted">${t('board.asOf', { date: board.today, count: board.tasks.length })}</p>
<ul class="counts">
  ${(['red', 'yellow', 'green', 'done'] as const).map((light) => html`<li><a href="/?light=${light}"><span class="light ${light}"></span>${t(`table.light.${light}`)} ${board.counts[light]}</a></li>`)}
</ul>
<form class="filters" method="get" action="/">
  <label>${t('board.filter.unit')}<select name="unit">${option('', t('board.filter.all'), filters.unit ?? '')}${units.map((u) => option(u, u, filters.unit))}</select></label>
  <label>${t('board.filter.category')}<select name="category">${option('', t('board.filter.all'), filters.category ?? '')}${categories.map((c) => option(c, c, filters.category))}</select></label>
  <label>${t('board.filter.light')}<select name="light">${option('', t('board.filter.all'), filters.light ?? '')}${(['red', 'yellow', 'green', 'done'] as const).map((l) => option(l, t(`table.light.${l}`), filters.light))}${option('withdrawn', t('board.withdrawn'), filters.light)}</select></label>
  <label>${t('board.filter.search')}<input type="search" name="q" value="${filters.q ?? ''}"></label>
  <button type="submit">${t('board.filter.apply')}</button>
</form>
<p class="muted">${t('board.shown', { shown: shown.length, total: board.tasks.length })}</p>
<table>
<thead><tr><th>${t('board.col.light')}</th><th>${t('board.col.code')}</th><th>${t('board.col.title')}</th><th>${t('board.col.unit')}</th><th>${t('board.col.due')}</th><th>${t('board.col.progress')}</th><th>${t('board.col.lastReport')}</th><th>${t('board.col.milestones')}</th></tr></thead>
<tbody>
${shown.map((task) => html`<tr data-code="${task.code}" data-light="${task.status === 'withdrawn' ? 'withdrawn' : (task.light ?? '')}">
<td>${lightDot(task)}${lightWord(t, task)}<div class="reasons muted">${task.reasons.join('；')}</div></td>
<td><a href="/tasks/${encodeURIComponent(task.code)}">${task.code}</a></td>
<td>${task.title}${task.target ? html`<div class="muted">${t('board.target')}${task.target}</div>` : ''}${task.category ? html`<div class="muted">${task.category}</div>` : ''}</td>
<td>${task.unit}${task.coUnits.length > 0 ? html`<div class="muted">${t('board.coUnits', { units: task.coUnits.join('、') })}</div>` : ''}</td>
<td>${dueText(t, task)}</td>
<td>${task.progress === null ? '—' : html`${task.progress}%<div class="bar"><span style="width:${Math.min(100, task.progress)}%"></span></div>`}</td>
<td>${task.lastReportOn ?? '—'}</td>
<td>${t('board.milestonesDone', { done: task.milestones.filter((m) => m.doneOn !== null).length, total: task.milestones.length })}</td>
</tr>`)}
</tbody>
</table>
<h2>${t('board.units')}</h2>
<table>
<thead><tr><th>${t('board.col.unit')}</th><th>${t('board.col.tasks')}</th><th>${t('table.light.red')}</th><th>${t('table.light.yellow')}</th><th>${t('table.light.green')}</th><th>${t('table.light.done')}</th><th>${t('board.col.reported')}</th><th>${t('board.col.avgProgress')}</th></tr></thead>
<tbody>${board.units.map((u) => html`<tr><td><a href="/?unit=${encodeURIComponent(u.unit)}">${u.unit}</a></td><td>${u.tasks}</td><td>${u.red}</td><td>${u.yellow}</td><td>${u.green}</td><td>${u.done}</td><td>${u.reported}/${u.tasks}</td><td>${u.progress}%</td></tr>`)}</tbody>
</table>
<h2>${t('board.nav.map')}</h2>
${mapBlock(deps, points)}`;
  return layout(deps, t('board.title'), body, { map: true });
}

/** `/map`: the located public tasks as markers by light. */
export function mapPage(deps: PageDeps, points: Parameters<typeof mapPoints>[0]): Promise<string> {
  return layout(deps, `${deps.t('board.nav.map')} · ${deps.t('board.title')}`, mapBlock(deps, points), { map: true });
}

export interface TaskPageData {
  task: BoardTask;
  reports: { percent: number; blocked: boolean; note: string | null; reportedOn: string }[];
  commitment: { publishedOn: string; target: string | null; due: string | null; milestones: string[] } | undefined;
  changes: { on: string; field: 'due' | 'target' | 'milestones' | 'withdrawn'; before: string | null; after: string | null }[];
  /** The extension requests (延期申请), a line each, naming roles only. */
  extensions: string[];
}

/** `/tasks/CODE`: the task's facts, light and reasons, milestones, what it committed to and every change, its extension requests, and its reports. */
export function taskPage(deps: PageDeps, data: TaskPageData): Promise<string> {
  const { t } = deps;
  const { task, commitment } = data;
  const body = html`
<h2>${lightDot(task)}${task.code} ${task.title}</h2>
<section>
<p>${t('board.col.unit')}：${task.unit}${task.coUnits.length > 0 ? html`（${t('board.coUnits', { units: task.coUnits.join('、') })}）` : ''}</p>
${task.category ? html`<p>${t('board.filter.category')}：${task.category}</p>` : ''}
${task.target ? html`<p>${t('board.target')}${task.target}</p>` : ''}
<p>${t('board.start')}${task.start} · ${t('board.col.due')}：${dueText(t, task)}</p>
<p>${t('board.col.light')}：${lightWord(t, task)}${task.reasons.length > 0 ? html` — ${task.reasons.join('；')}` : ''}</p>
<p>${t('board.col.progress')}：${task.progress === null ? t('board.noReport') : `${task.progress}%`}${task.expected === null ? '' : html`（${t('board.expected', { expected: task.expected })}）`}</p>
</section>
${commitment ? html`<section><h3>${t('board.commitment', { date: commitment.publishedOn })}</h3>
<p>${t('board.col.due')}：${commitment.due ?? t('board.standing')}</p>
${commitment.target ? html`<p>${t('board.target')}${commitment.target}</p>` : ''}
${commitment.milestones.length > 0 ? html`<ul>${commitment.milestones.map((m) => html`<li>${m}</li>`)}</ul>` : ''}
${data.changes.length > 0 ? html`<h4>${t('board.changes')}</h4><ul>${data.changes.map((c) => html`<li class="changed">${c.on} · ${changeText(t, c)}</li>`)}</ul>` : html`<p class="muted">${t('board.unchanged')}</p>`}
</section>` : ''}
${data.extensions.length > 0 ? html`<section><h3>${t('board.extensions')}</h3><ul>${data.extensions.map((line) => html`<li>${line}</li>`)}</ul></section>` : ''}
<section><h3>${t('board.col.milestones')}</h3>
${task.milestones.length === 0 ? html`<p class="muted">${t('board.noMilestones')}</p>` : html`<ul>${task.milestones.map((m) => html`<li>${m.doneOn ? '✓' : '○'} ${m.due} ${m.description}${m.doneOn ? html` <span class="muted">${t('board.doneOn', { date: m.doneOn })}</span>` : ''}</li>`)}</ul>`}
</section>
<section><h3>${t('board.reports')}</h3>
${data.reports.length === 0 ? html`<p class="muted">${t('board.noReport')}</p>` : html`<table><thead><tr><th>${t('board.reportDate')}</th><th>${t('board.col.progress')}</th><th>${t('board.reportNote')}</th></tr></thead><tbody>
${data.reports.map((r) => html`<tr><td>${r.reportedOn}</td><td>${r.percent}%${r.blocked ? html` <span class="muted">${t('board.blocked')}</span>` : ''}</td><td>${r.note ?? ''}</td></tr>`)}
</tbody></table>`}
</section>`;
  return layout(deps, `${task.code} ${task.title} · ${t('board.title')}`, body);
}

function changeText(t: Translate, change: TaskPageData['changes'][number]): Markup {
  if (change.field === 'withdrawn') return html`${t('board.change.withdrawn')}${change.after ? `（${change.after}）` : ''}`;
  const word = (value: string | null) => (value === null || value === '' ? (change.field === 'due' ? t('board.standing') : '—') : value);
  return html`${t(`board.change.${change.field}`)}：<del>${word(change.before)}</del> → ${word(change.after)}`;
}

/** The 404 page: an unknown code and a private one look the same. */
export function notFoundPage(deps: PageDeps): Promise<string> {
  return layout(deps, deps.t('board.notFound'), html`<p>${deps.t('board.notFound')}</p><p><a href="/">${deps.t('board.nav.board')}</a></p>`);
}
