// Independent eddsa-rdfc-2022 / Ed25519Signature2020 / ecdsa-rdfc-2019 sign and verify with the
// digitalbazaar stack, for badgekit's tests.
// stdin: {"op": "sign"|"verify", "suite"?: "eddsa-rdfc-2022"|"ed25519-2020"|"ecdsa-rdfc-2019",
//         "document": {...},
//         "contexts": {url: context},
//         "key": {"publicKeyMultibase", "secretKeyMultibase"?, "id", "controller"}, "created"?}
// stdout: the signed document (sign) or {"verified": bool, "error": str|null} (verify).
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import {cryptosuite as ecdsaCryptosuite} from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import {cryptosuite as eddsaCryptosuite} from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import {Ed25519Signature2020} from '@digitalbazaar/ed25519-signature-2020';
import jsigs from 'jsonld-signatures';

const {purposes: {AssertionProofPurpose}} = jsigs;
const input = JSON.parse(await new Promise(resolve => {
  let data = '';
  process.stdin.on('data', c => { data += c; });
  process.stdin.on('end', () => resolve(data));
}));
const {key} = input;
const legacy = input.suite === 'ed25519-2020';
const ecdsa = input.suite === 'ecdsa-rdfc-2019';  // P-256 or P-384, as the key says
const cryptosuite = ecdsa ? ecdsaCryptosuite : eddsaCryptosuite;
const Multikey = ecdsa ? EcdsaMultikey : Ed25519Multikey;
const keyContext = legacy ?
  'https://w3id.org/security/suites/ed25519-2020/v1' : 'https://w3id.org/security/multikey/v1';
const vm = {
  '@context': keyContext,
  id: key.id, type: legacy ? 'Ed25519VerificationKey2020' : 'Multikey',
  controller: key.controller, publicKeyMultibase: key.publicKeyMultibase,
};
const controllerDoc = {
  '@context': ['https://www.w3.org/ns/did/v1', keyContext],
  id: key.controller, assertionMethod: [vm],
};
// A static loader: bundled contexts, the key and its controller; anything else fails.
const documentLoader = async url => {
  if(url in input.contexts) {
    return {contextUrl: null, documentUrl: url, document: input.contexts[url]};
  }
  if(url === key.id) return {contextUrl: null, documentUrl: url, document: vm};
  if(url === key.controller) return {contextUrl: null, documentUrl: url, document: controllerDoc};
  throw new Error(`static loader: ${url} not found`);
};

if(input.op === 'sign') {
  const keyPair = await Multikey.from({
    ...vm, '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey',
    secretKeyMultibase: key.secretKeyMultibase,
  });
  const signer = keyPair.signer();
  const suite = legacy ? new Ed25519Signature2020({signer, date: input.created}) :
    new DataIntegrityProof({signer, date: input.created, cryptosuite});
  const signed = await jsigs.sign(structuredClone(input.document), {
    suite, purpose: new AssertionProofPurpose(), documentLoader});
  process.stdout.write(JSON.stringify(signed));
} else {
  const suite = legacy ? new Ed25519Signature2020() : new DataIntegrityProof({cryptosuite});
  const result = await jsigs.verify(input.document, {
    suite, purpose: new AssertionProofPurpose({controller: controllerDoc}), documentLoader});
  const error = result.error ? String(result.error.errors?.[0] ?? result.error) : null;
  process.stdout.write(JSON.stringify({verified: result.verified, error}));
}
