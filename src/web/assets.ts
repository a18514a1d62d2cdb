import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';

const resolve = createRequire(import.meta.url).resolve;

/** A file the board serves itself, never from a CDN: its bytes, type and ETag, read once. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const asset = (body: Buffer | string, type: string): Asset => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { body: bytes, type, etag: `"${createHash('sha1').update(bytes).digest('base64url').slice(0, 16)}"` };
};

/** The board's stylesheet: readable on a phone, the lights in the digest chart's colours. */
const BOARD_CSS = `
:root { --red: #e5484d; --yellow: #f5c518; --green: #2da44e; --done: #b0b7c3; --ink: #1f2328; --muted: #57606a; --line: #d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; color: var(--ink); background: #f6f8fa; }
header, main, footer { max-width: 1100px; margin: 0 auto; padding: 12px 16px; }
header h1 { font-size: 22px; margin: 8px 0; }
header nav a { margin-right: 16px; }
a { color: #0969da; }
.counts { display: flex; gap: 12px; flex-wrap: wrap; margin: 8px 0 16px; padding: 0; list-style: none; }
.counts li { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 6px 12px; }
.light { display: inline-block; width: 12px; height: 12px; border-radius: 50%; vertical-align: middle; margin-right: 6px; background: var(--done); }
.light.red { background: var(--red); } .light.yellow { background: var(--yellow); } .light.green { background: var(--green); }
form.filters { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; margin-bottom: 12px; }
form.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { border-bottom: 1px solid var(--line); padding: 8px; text-align: left; vertical-align: top; font-size: 14px; }
th { background: #eef1f4; }
td.reasons, .muted { color: var(--muted); }
.bar { height: 8px; background: #e6eaef; border-radius: 4px; min-width: 80px; }
.bar span { display: block; height: 8px; background: #3b82f6; border-radius: 4px; }
#map { height: 520px; border: 1px solid var(--line); border-radius: 6px; background-color: #f3f5f7;
  background-image: linear-gradient(#e3e7eb 1px, transparent 1px), linear-gradient(90deg, #e3e7eb 1px, transparent 1px); background-size: 40px 40px; }
.changed { background: #fff8c5; padding: 2px 4px; }
del { color: var(--muted); }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
`;

/**
 * The map's script: markers from the page's own data (coordinates already in the tiles' datum),
 * coloured by light, clustered when dense; a click opens the task. Without tiles, the map is a
 * grid with the markers on it.
 */
const MAP_JS = `
(function () {
  var el = document.getElementById('map');
  var data = JSON.parse(document.getElementById('map-points').textContent);
  var map = L.map(el, { maxZoom: 18 });
  if (el.dataset.tiles) L.tileLayer(el.dataset.tiles, { attribution: el.dataset.attribution || '', subdomains: '01234567', maxZoom: 18 }).addTo(map);
  var colours = { red: '#e5484d', yellow: '#f5c518', green: '#2da44e', done: '#b0b7c3' };
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 40 });
  var bounds = [];
  data.forEach(function (p) {
    var marker = L.circleMarker([p.lat, p.lng], { radius: 9, color: '#ffffff', weight: 2, fillColor: colours[p.light] || '#b0b7c3', fillOpacity: 1 });
    marker.bindTooltip(p.code + ' ' + p.title);
    marker.on('click', function () { window.location.href = p.href; });
    cluster.addLayer(marker);
    bounds.push([p.lat, p.lng]);
  });
  map.addLayer(cluster);
  if (bounds.length > 0) map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 }); else map.setView([30, 115], 4);
  el.dataset.markers = String(data.length);
})();
`;

export const assets: Record<string, Asset> = {
  'board.css': asset(BOARD_CSS, 'text/css; charset=utf-8'),
  'map.js': asset(MAP_JS, 'text/javascript; charset=utf-8'),
  'leaflet.js': asset(readFileSync(resolve('leaflet/dist/leaflet.js')), 'text/javascript; charset=utf-8'),
  'leaflet.css': asset(readFileSync(resolve('leaflet/dist/leaflet.css')), 'text/css; charset=utf-8'),
  'markercluster.js': asset(readFileSync(resolve('leaflet.markercluster/dist/leaflet.markercluster.js')), 'text/javascript; charset=utf-8'),
  'markercluster.css': asset(
    Buffer.concat([readFileSync(resolve('leaflet.markercluster/dist/MarkerCluster.css')), readFileSync(resolve('leaflet.markercluster/dist/MarkerCluster.Default.css'))]),
    'text/css; charset=utf-8',
  ),
};
