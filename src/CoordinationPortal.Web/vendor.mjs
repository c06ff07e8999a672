// Copies the few built files the portal serves from node_modules into wwwroot/lib.
// Run after changing a version in package.json: npm ci && npm run vendor
import { cpSync, mkdirSync, rmSync } from "node:fs";

const files = {
  "bootstrap/dist/css/bootstrap.min.css": "bootstrap/css/bootstrap.min.css",
  "bootstrap/LICENSE": "bootstrap/LICENSE",
  "chart.js/dist/chart.umd.min.js": "chart.js/chart.umd.min.js",
  "chart.js/LICENSE.md": "chart.js/LICENSE.md",
};

rmSync("wwwroot/lib", { recursive: true, force: true });
for (const [from, to] of Object.entries(files)) {
  const target = `wwwroot/lib/${to}`;
  mkdirSync(target.substring(0, target.lastIndexOf("/")), { recursive: true });
  cpSync(`node_modules/${from}`, target);
}
