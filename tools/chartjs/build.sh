#!/usr/bin/env bash
# Rebuilds src/CoordinationPortal.Web/wwwroot/lib/chart.js/chart.bar.min.js from the Chart.js version
# pinned in package-lock.json. Run it after changing entry.js or the version, and commit the result:
# the app serves the committed file (no build step in the app, no CDN).
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund --loglevel=error
out=../../src/CoordinationPortal.Web/wwwroot/lib/chart.js/chart.bar.min.js
version=$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/chart.js/package.json")).version')
node_modules/.bin/esbuild entry.js --bundle --minify --format=iife --target=es2019 --legal-comments=none \
  --banner:js="/*! Chart.js v$version (bar chart, category and linear scales, legend, tooltip only; built by tools/chartjs/build.sh) | https://www.chartjs.org | (c) Chart.js Contributors | MIT License; @kurkle/color (c) Jukka Kurkela | MIT License */" \
  --outfile="$out"
cp node_modules/chart.js/LICENSE.md ../../src/CoordinationPortal.Web/wwwroot/lib/chart.js/LICENSE.md
ls -l "$out"
