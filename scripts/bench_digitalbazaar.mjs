// Signing rate of another eddsa-rdfc-2022 issuer on this machine, for scripts/bench.py: the
// digitalbazaar JS stack (jsonld-signatures + @digitalbazaar/data-integrity + eddsa-rdfc-2022
// cryptosuite), installed in tests/interop by `npm ci`.  Same credentials and static loader as
// badgekit's measurement; the suite is built once per credential, as its README shows.
// stdin: {"documents": [...], "contexts": {url: context}, "key": {id, controller,
//         publicKeyMultibase, secretKeyMultibase}, "created": str, "seconds": number}
// stdout: {"signed": n, "seconds": s, "rate": n / s}
const lib = new URL('../tests/interop/node_modules/', import.meta.url);
const load = path => import(new URL(path, lib).href);
const Ed25519Multikey = await load('@digitalbazaar/ed25519-multikey/lib/index.js');
const {DataIntegrityProof} = await load('@digitalbazaar/data-integrity/lib/index.js');
const {cryptosuite} = await load('@digitalbazaar/eddsa-rdfc-2022-cryptosuite/lib/index.js');
const {default: jsigs} = await load('jsonld-signatures/lib/jsonld-signatures.js');

const input = JSON.parse(await new Promise(resolve => {
  let data = '';
  process.stdin.on('data', c => { data += c; });
  process.stdin.on('end', () => resolve(data));
}));
const {key, documents, created} = input;
const documentLoader = async url => {
  if(url in input.contexts) {
    return {contextUrl: null, documentUrl: url, document: input.contexts[url]};
  }
  throw new Error(`static loader: ${url} not found`);
};
const keyPair = await Ed25519Multikey.from({
  '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: key.id,
  controller: key.controller, publicKeyMultibase: key.publicKeyMultibase,
  secretKeyMultibase: key.secretKeyMultibase,
});
const signer = keyPair.signer();
const purpose = new jsigs.purposes.AssertionProofPurpose();
const signOne = doc => jsigs.sign(structuredClone(doc), {
  suite: new DataIntegrityProof({signer, date: created, cryptosuite}), purpose, documentLoader});

await signOne(documents[0]);  // warm the context cache
let signed = 0;
const start = process.hrtime.bigint();
const elapsed = () => Number(process.hrtime.bigint() - start) / 1e9;
while(elapsed() < input.seconds) {
  for(const doc of documents) {
    await signOne(doc);
  }
  signed += documents.length;
}
const seconds = elapsed();
process.stdout.write(JSON.stringify({signed, seconds, rate: signed / seconds}));
