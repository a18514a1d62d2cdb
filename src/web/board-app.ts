import { createHash } from 'node:crypto';
import gcoordPackage from 'gcoord';
import { Hono, type Context } from 'hono';
import type { Config } from '../config.ts';
import type { Db } from '../db/database.ts';
import { calendarDateIn } from '../domain/calendar-date.ts';
import type { Translate } from '../i18n/translate.ts';
import { writeCsvTable } from '../io/csv-table.ts';
import { boardInputs, commitmentOf, publicReports } from '../store/public-board.ts';
import { extensionsOf } from '../store/extensions.ts';
import { extensionTrail } from '../render/extension-trail.ts';
import { assets } from './assets.ts';
import { buildBoard, type Board, type BoardTask } from './board-model.ts';
import { boardPage, mapPage, matches, notFoundPage, taskPage, type BoardFilters } from './pages.ts';
import { publicTaskJson, publicTaskSheet } from './public-fields.ts';

/** gcoord is CommonJS: its API is the package's `default`. */
const gcoord = gcoordPackage.default;

export interface BoardDeps {
  db: Db;
  config: Config;
  t: Translate;
  now: () => Date;
}

interface Rendered {
  status: 200 | 404;
  type: string;
  body: string | Buffer;
}

/** Pages rendered at once past a change; the rest wait, so that a crowd arriving at a new version costs a few renders. */
const MOST_RENDERS_AT_ONCE = 4;
/** Rendered answers kept per version: the board, its filtered views, the task pages, the data. */
const MOST_KEPT = 2_000;
/** A crowd costs little: browsers and proxies keep an answer a minute, and ask with If-None-Match after. */
const CACHE_CONTROL = 'public, max-age=60';

const digest = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 12);

/**
 * The public board (DESIGN.md, 一张图 and 立此存照), read-only: `/`, `/tasks/CODE`, `/map`,
 * `/api/tasks.json`, `/tasks.csv` and the board's own assets (Leaflet and markercluster from npm,
 * never a CDN). Only public tasks, only their public fields. The data is built once per version —
 * an answer, an import, a close-out, a new cycle or a new day makes a new one — and each answer is
 * rendered once per version and kept: every answer carries an ETag of the version and the URL, and
 * `If-None-Match` is answered 304 before anything is rendered.
 *
 * @example const app = boardApp({ db, config, t, now: () => new Date() }); serve(app.fetch)
 */
export function boardApp(deps: BoardDeps): Hono {
  const app = new Hono();
  let current: { key: string; board: Board; rendered: Map<string, Rendered> } | undefined;
  let building: { key: string; done: Promise<NonNullable<typeof current>> } | undefined;
  let rendering = 0;
  const waiting: (() => void)[] = [];

  /** The board of the current version: built by the first request to see the version, awaited by the others. */
  async function latest() {
    const now = deps.now();
    const key = `${await boardInputs(deps.db)}.${calendarDateIn(now, deps.config.timezone)}`;
    if (current?.key === key) return current;
    if (building?.key !== key) {
      const done = buildBoard(deps.db, deps, now, key).then((board) => (current = { key, board, rendered: new Map() }));
      building = { key, done };
      done.finally(() => building?.done === done && (building = undefined)).catch(() => undefined);
    }
    return building.done;
  }

  async function bounded<T>(work: () => Promise<T>): Promise<T> {
    if (rendering >= MOST_RENDERS_AT_ONCE) await new Promise<void>((resolve) => waiting.push(resolve));
    rendering += 1;
    try {
      return await work();
    } finally {
      rendering -= 1;
      waiting.shift()?.();
    }
  }

  /** Answers from the version's cache, 304 when the client has it, else renders once and keeps it. */
  async function answer(c: Context, render: (board: Board) => Promise<Rendered>): Promise<Response> {
    const state = await latest();
    const url = new URL(c.req.url);
    const cacheKey = `${url.pathname}?${[...url.searchParams].sort().map(([k, v]) => `${k}=${v}`).join('&')}`;
    const etag = `W/"${digest(state.key)}-${digest(cacheKey)}"`;
    const headers = { ETag: etag, 'Cache-Control': CACHE_CONTROL };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    let rendered = state.rendered.get(cacheKey);
    if (!rendered) {
      rendered = await bounded(() => render(state.board));
      if (state.rendered.size >= MOST_KEPT) state.rendered.clear();
      state.rendered.set(cacheKey, rendered);
    }
    return c.body(typeof rendered.body === 'string' ? rendered.body : new Uint8Array(rendered.body), rendered.status, { ...headers, 'Content-Type': rendered.type });
  }

  const page = { t: deps.t, config: deps.config };
  const htmlType = 'text/html; charset=utf-8';
  const mapPoints = (tasks: readonly BoardTask[]) => tasks.filter((task): task is BoardTask & { location: NonNullable<BoardTask['location']> } => task.location !== null && task.status !== 'withdrawn').map((task) => {
    // Stored as WGS-84; 高德's tiles are drawn in GCJ-02, so the markers are moved to match them.
    const [lng, lat] = deps.config.mapTileDatum === 'gcj02' ? gcoord.transform([task.location.lng, task.location.lat], gcoord.WGS84, gcoord.GCJ02) : [task.location.lng, task.location.lat];
    return { code: task.code, title: task.title, light: task.light, lat: lat!, lng: lng! };
  });

  app.get('/assets/:name', (c) => {
    const found = assets[c.req.param('name')];
    if (!found) return c.notFound();
    if (c.req.header('if-none-match') === found.etag) return c.body(null, 304, { ETag: found.etag });
    return c.body(new Uint8Array(found.body), 200, { 'Content-Type': found.type, ETag: found.etag, 'Cache-Control': 'public, max-age=86400' });
  });
  app.get('/favicon.ico', (c) => c.body(null, 204, { 'Cache-Control': 'public, max-age=86400' }));
  app.get('/', (c) => {
    const filters: BoardFilters = { unit: c.req.query('unit') || undefined, category: c.req.query('category') || undefined, light: c.req.query('light') || undefined, q: c.req.query('q')?.slice(0, 100) || undefined };
    return answer(c, async (board) => ({ status: 200, type: htmlType, body: await boardPage(page, board, filters, mapPoints(board.tasks.filter((task) => matches(task, filters)))) }));
  });
  app.get('/map', (c) => answer(c, async (board) => ({ status: 200, type: htmlType, body: await mapPage(page, mapPoints(board.tasks)) })));
  app.get('/tasks/:code', (c) =>
    answer(c, async (board) => {
      const task = board.tasks.find((candidate) => candidate.code === c.req.param('code'));
      if (!task) return { status: 404, type: htmlType, body: await notFoundPage(page) };
      const local = (instant: string) => calendarDateIn(new Date(instant), deps.config.timezone);
      const { original, changes } = await commitmentOf(deps.db, task.id);
      const reports = (await publicReports(deps.db, task.id)).map((r) => ({ percent: r.percent, blocked: r.blocked, note: r.note && board.mask(r.note), reportedOn: local(r.reportedAt) }));
      const commitment = original && { publishedOn: local(original.publishedAt), target: original.target && board.mask(original.target), due: original.dueDate, milestones: original.milestones.split('\n').filter(Boolean).map(board.mask) };
      // The trail by role, never by name: the public sees that the responsible person asked and the leader in charge decided.
      const extensions = extensionTrail(deps.t, await extensionsOf(deps.db, task.id), { requester: () => deps.t('board.role.owner'), decider: () => deps.t('board.role.leader'), local }).map(board.mask);
      return { status: 200, type: htmlType, body: await taskPage(page, { task, reports, commitment, extensions, changes: changes.map((ch) => ({ on: local(ch.at), field: ch.field, before: ch.before && board.mask(ch.before), after: ch.after && board.mask(ch.after) })) }) };
    }),
  );
  app.get('/api/tasks.json', (c) => answer(c, async (board) => ({ status: 200, type: 'application/json; charset=utf-8', body: JSON.stringify(board.tasks.map(publicTaskJson)) })));
  app.get('/tasks.csv', (c) => answer(c, async (board) => ({ status: 200, type: 'text/csv; charset=utf-8', body: writeCsvTable(publicTaskSheet(board.tasks, deps.t)) })));
  app.notFound(async (c) => c.html(await notFoundPage(page), 404));
  // Nothing on the board writes: any other method is refused.
  app.on(['POST', 'PUT', 'PATCH', 'DELETE'], '*', (c) => c.text('Method Not Allowed', 405, { Allow: 'GET, HEAD' }));
  return app;
}
