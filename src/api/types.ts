// Plain Kubernetes objects as stored and as `-o json` prints them (DESIGN: Conventions 9).
// Typed views come from kubernetes-types; the store itself holds plain JSON.
import type { ObjectMeta, OwnerReference } from 'kubernetes-types/meta/v1.js';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1.js';
import type { Pod, PodTemplateSpec, Namespace, Node, Event, Service, ConfigMap } from 'kubernetes-types/core/v1.js';

export type { ObjectMeta, OwnerReference, Deployment, ReplicaSet, Pod, PodTemplateSpec, Namespace, Node, Event, Service, ConfigMap };

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Any Kubernetes object: apiVersion, kind, metadata, and whatever else its kind carries. */
export interface KObject {
  apiVersion?: string;
  kind?: string;
  /** ObjectMeta, mutable (kubernetes-types marks its fields readonly) */
  metadata?: Mutable<ObjectMeta> & Record<string, any>;
  [key: string]: any;
}

/** A field error as the API server's field.Error carries it (k8s.io/apimachinery/pkg/util/validation/field). */
export interface FieldError {
  type: 'Invalid' | 'Required' | 'Forbidden' | 'Unsupported' | 'Duplicate' | 'TooLong' | 'TooMany' | 'NotFound' | 'InternalError';
  field: string;
  /** already rendered the way the API server renders it (Go %#v or quoted string), when the type shows a value */
  value?: string;
  detail?: string;
}
