// Prints, one per line, the CID that ipfs-only-hash (ipfs-unixfs-importer 7) gives each file named
// on the command line, with the options that match `ipfs add --cid-version 1`:
// CIDv1, raw leaves; the importer's defaults already are fixed 262144-byte chunks, balanced layout,
// 174 children per node (ipfs-unixfs-importer/src/options.js).
const fs = require('fs')
const Hash = require('ipfs-only-hash')

async function main () {
  for (const file of process.argv.slice(2)) {
    const cid = await Hash.of(fs.createReadStream(file, { highWaterMark: 65536 }), { cidVersion: 1, rawLeaves: true })
    process.stdout.write(cid + '\n')
  }
}

main().catch(err => { console.error(err); process.exit(1) })
