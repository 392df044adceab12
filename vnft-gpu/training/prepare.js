// Writes the training concepts of vnft-gan-1 as a TSV, from the pinned npm packages installed here
// (npm ci): emoji-datasource-google@16.0.0 (emoji.json, img/google/64/*.png: the Noto emoji images,
// Apache-2.0; package MIT) and emojilib@4.0.3 (keywords, MIT).
// Usage: node prepare.js OUT.tsv
// Columns: index, unified code, image path (absolute), category, subcategory, short_name,
// texts (the concept's training texts, '|'-separated: its name, its short names and its emojilib
// keywords, lower-cased, '_' and '-' as spaces). One line per emoji that has a Google image, in
// emoji.json's sort_order.
'use strict';
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
if (!out) {
  console.error('usage: node prepare.js OUT.tsv');
  process.exit(2);
}
const base = path.join(__dirname, 'node_modules');
const emoji = JSON.parse(fs.readFileSync(path.join(base, 'emoji-datasource-google', 'emoji.json'), 'utf8'));
const keywords = JSON.parse(fs.readFileSync(path.join(base, 'emojilib', 'dist', 'emoji-en-US.json'), 'utf8'));
const norm = (s) => s.toLowerCase().replace(/[_\-]+/g, ' ').replace(/\s+/g, ' ').trim();
const chars = (u) => String.fromCodePoint(...u.split('-').map((h) => parseInt(h, 16)));
const rows = [];
emoji.filter((e) => e.has_img_google).sort((a, b) => a.sort_order - b.sort_order).forEach((e) => {
  const img = path.join(base, 'emoji-datasource-google', 'img', 'google', '64', e.image);
  if (!fs.existsSync(img)) return;
  const texts = new Set();
  if (e.name) texts.add(norm(e.name));
  (e.short_names || []).forEach((s) => texts.add(norm(s)));
  const kw = keywords[chars(e.unified)] || (e.non_qualified ? keywords[chars(e.non_qualified)] : undefined) || [];
  kw.forEach((k) => { const t = norm(k); if (/[a-z]/.test(t)) texts.add(t); });
  const clean = [...texts].filter((t) => t.length > 0).map((t) => t.replace(/[\t|]/g, ' '));
  rows.push([rows.length, e.unified, img, e.category, e.subcategory, e.short_name, clean.join('|')].join('\t'));
});
fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
fs.writeFileSync(out + '.tmp', rows.join('\n') + '\n');
fs.renameSync(out + '.tmp', out);
console.error(`prepare.js: ${rows.length} concepts -> ${out}`);
