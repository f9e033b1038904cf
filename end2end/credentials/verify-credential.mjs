#!/usr/bin/env node
// An independent check of a Waymark Open Badges 3.0 credential, with the Digital Credentials
// Consortium's verifier (npm @digitalcredentials/vc and its eddsa-rdfc-2022 cryptosuite), so
// that Waymark's signatures are proved by code that is not Waymark's own. Offline: every
// context comes from the npm packages or from the repository, and the issuer's profile (its
// public key) is read from a file saved from the issuer's address.
//
//   node end2end/credentials/verify-credential.mjs CREDENTIAL.json ISSUER-PROFILE.json
//
// Prints {"verified": true|false, "errors": [...]} and exits 0 only when the credential is
// verified.
import { readFile } from 'node:fs/promises';
import * as vc from '@digitalcredentials/vc';
import { DataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import { securityLoader } from '@digitalcredentials/security-document-loader';

const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';
const bundled = new URL(
  '../../app/src/db/recognition/badge/contexts/security-multikey-v1.jsonld',
  import.meta.url,
);

const [credentialPath, issuerPath] = process.argv.slice(2);
if (!credentialPath || !issuerPath) {
  console.error('usage: verify-credential.mjs CREDENTIAL.json ISSUER-PROFILE.json');
  process.exit(2);
}
const credential = JSON.parse(await readFile(credentialPath, 'utf8'));
const issuer = JSON.parse(await readFile(issuerPath, 'utf8'));

// The DCC loader carries the credentials, data integrity and Open Badges contexts; it never
// fetches (fetchRemoteContexts: false). Added: the Multikey context and the issuer's profile.
const loader = securityLoader({ fetchRemoteContexts: false });
loader.addStatic(MULTIKEY_CONTEXT, JSON.parse(await readFile(bundled, 'utf8')));
loader.addStatic(issuer.id, issuer);
for (const method of issuer.assertionMethod ?? []) {
  loader.addStatic(method.id, { '@context': MULTIKEY_CONTEXT, ...method });
}
const documentLoader = loader.build();

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
const result = await vc.verifyCredential({ credential, suite, documentLoader });
const errors = [];
if (result.error) errors.push(String(result.error.message ?? result.error));
for (const r of result.results ?? []) if (r.error) errors.push(String(r.error.message ?? r.error));
console.log(JSON.stringify({ verified: result.verified === true, errors }, null, 2));
process.exit(result.verified === true ? 0 : 1);
