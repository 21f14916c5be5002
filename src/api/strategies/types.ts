// What one kind's registry strategy holds (upstream: pkg/registry/<group>/<resource>/strategy.go plus the
// scheme defaulters of pkg/apis/<group>/v1/defaults.go). The registry and the api entry points look a strategy up
// by apiVersion/kind (strategies/index.ts); nothing switches on kind names.
import type { KObject } from '../types.js';
import type { Errs } from './field.js';
import type { UserInfo } from '../users.js';

export interface DefaultsOptions {
  /** Pods: name of the projected service-account token volume to inject (`kube-api-access-xxxxx`); none if unset. */
  tokenVolumeName?: string;
  /** Pods: also project openshift-service-ca.crt like the recorded MicroShift cluster (default true). */
  openshiftServiceCA?: boolean;
  /**
   * Keep empty lists/maps (`matchLabels: {}`) as the decoded object has them before storage; validation needs
   * the difference (`map[string]string{}` vs `map[string]string(nil)`). Stored objects have them dropped.
   */
  keepEmpty?: boolean;
}

export interface Strategy {
  /**
   * The object in the version the API server stores and validates (its internal version), when the kind is
   * written in an older one (autoscaling/v1 -> v2).
   */
  convertToStorage?(obj: any): any;
  /** The API server's decoding failure for this object (`illegal base64 data at input byte 4`), if any. */
  decodeError?(obj: any): string | undefined;
  /** The fields strict decoding reports as unknown (`spec.foo`), when the kind's own schema decides them (custom resources). */
  unknownFields?(obj: any): string[];
  /** The kind has no status field (a server dry run shows no `status: {}`). */
  noStatus?: boolean;
  /** The Go type the object is decoded into (goschema), when kubesim knows its layout: zero values are dropped. */
  goType?: string;
  /** SetDefaults_<Kind> and nested defaulters; runs on every write, on the decoded object, in place. */
  defaults?(obj: any, opts: DefaultsOptions): void;
  /** PrepareForCreate: what the registry sets on create only (status reset, generated selector ...). In place. */
  prepareForCreate?(obj: any, ctx?: { user?: UserInfo }): void;
  /** PrepareForUpdate: what the registry carries over from the stored object (status, immutable data ...). In place. */
  prepareForUpdate?(obj: any, old: KObject): void;
  /**
   * The registry's Delete, when the kind's differs from the generic store's: the object to store instead of removing
   * it (a CRD gets its cleanup finalizer and a Terminating condition first), or undefined to delete as usual.
   */
  beforeDelete?(obj: any, now: string): any | undefined;
  /** Validate (create), with the API server's paths and messages. */
  validate?(obj: KObject): Errs;
  /** ValidateUpdate; defaults to validate(obj). Return the complete list (create rules included where upstream does). */
  validateUpdate?(obj: KObject, old: KObject): Errs;
}
