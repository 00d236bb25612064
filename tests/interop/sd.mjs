// ecdsa-sd-2023 with digitalbazaar's ecdsa-sd-2023-cryptosuite, for badgekit's tests: a base
// proof with mandatory pointers, a derived (disclosed) credential, and verification.
// stdin: {"op": "derive"|"verify", "document": {...}, "contexts": {url: context},
//         "key": {"publicKeyMultibase", "secretKeyMultibase"?, "id", "controller"},
//         "mandatoryPointers"?: [...], "selectivePointers"?: [...], "created"?}
// stdout: {"base": {...}, "derived": {...}} (derive) or {"verified": bool, "error": str|null}.
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as ecdsaSd2023Cryptosuite from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';

const {createSignCryptosuite, createDiscloseCryptosuite, createVerifyCryptosuite} =
  ecdsaSd2023Cryptosuite;
const {purposes: {AssertionProofPurpose}} = jsigs;
const input = JSON.parse(await new Promise(resolve => {
  let data = '';
  process.stdin.on('data', c => { data += c; });
  process.stdin.on('end', () => resolve(data));
}));
const {key} = input;
const vm = {
  '@context': 'https://w3id.org/security/multikey/v1',
  id: key.id, type: 'Multikey', controller: key.controller,
  publicKeyMultibase: key.publicKeyMultibase,
};
const controllerDoc = {
  '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
  id: key.controller, assertionMethod: [vm],
};
// A static loader: the given contexts, the key and its controller; anything else fails.
const documentLoader = async url => {
  if(url in input.contexts) {
    return {contextUrl: null, documentUrl: url, document: input.contexts[url]};
  }
  if(url === key.id) return {contextUrl: null, documentUrl: url, document: vm};
  if(url === key.controller) return {contextUrl: null, documentUrl: url, document: controllerDoc};
  throw new Error(`static loader: ${url} not found`);
};
const purpose = () => new AssertionProofPurpose({controller: controllerDoc});

if(input.op === 'derive') {
  const keyPair = await EcdsaMultikey.from({...vm, secretKeyMultibase: key.secretKeyMultibase});
  const signer = keyPair.signer();
  const base = await jsigs.sign(structuredClone(input.document), {
    suite: new DataIntegrityProof({
      signer, date: input.created,
      cryptosuite: createSignCryptosuite({mandatoryPointers: input.mandatoryPointers}),
    }),
    purpose: purpose(), documentLoader,
  });
  const derived = await jsigs.derive(structuredClone(base), {
    suite: new DataIntegrityProof({
      cryptosuite: createDiscloseCryptosuite({selectivePointers: input.selectivePointers}),
    }),
    purpose: purpose(), documentLoader,
  });
  process.stdout.write(JSON.stringify({base, derived}));
} else {
  const result = await jsigs.verify(input.document, {
    suite: new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
    purpose: purpose(), documentLoader,
  });
  const error = result.error ? String(result.error.errors?.[0] ?? result.error) : null;
  process.stdout.write(JSON.stringify({verified: result.verified, error}));
}
