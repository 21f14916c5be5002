// Kubeconfig and contexts: kubesim's own kubeconfig (one context per cluster), kubectl config's verbs
// with kubectl v1.32's messages, and the context's namespace as every command's default.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ks, ok, tempHome, type Result } from './helpers.js';

const r = (stdout: string, stderr = '', code = 0): Result => ({ stdout, stderr, code });

const VIEW_DEV = `apiVersion: v1
clusters:
- cluster:
    server: https://default.kubesim.local:6443
  name: default
contexts:
- context:
    cluster: default
    namespace: dev
    user: default
  name: default
current-context: default
kind: Config
preferences: {}
users:
- name: default
  user:
    token: REDACTED
`;

test('config set-context --current --namespace: a bare get and create use the namespace', () => {
  const home = tempHome();
  assert.deepEqual(ks(home, ['config', 'get-contexts']), r('CURRENT   NAME      CLUSTER   AUTHINFO   NAMESPACE\n*         default   default   default    \n'));
  assert.deepEqual(ks(home, ['config', 'current-context']), r('default\n'));
  assert.equal(fs.existsSync(path.join(home, 'kubeconfig')), false, 'reading writes nothing');
  assert.deepEqual(ks(home, ['config', 'set-context', '--current', '--namespace=dev']), r('Context "default" modified.\n'));
  assert.deepEqual(ks(home, ['config', 'get-contexts']), r('CURRENT   NAME      CLUSTER   AUTHINFO   NAMESPACE\n*         default   default   default    dev\n'));
  assert.deepEqual(ks(home, ['config', 'view']), r(VIEW_DEV));
  assert.deepEqual(ks(home, ['config', 'view', '--raw']), r(VIEW_DEV.replace('REDACTED', 'kubesim-default')));
  assert.deepEqual(ks(home, ['create', 'namespace', 'dev']), r('namespace/dev created\n'));
  assert.deepEqual(ks(home, ['get', 'pods']), r('', 'No resources found in dev namespace.\n'));
  assert.deepEqual(ks(home, ['create', 'deployment', 'web', '--image=nginx']), r('deployment.apps/web created\n'));
  assert.deepEqual(ks(home, ['get', 'deploy', '-o', 'name']), r('deployment.apps/web\n'));
  assert.deepEqual(ks(home, ['get', 'deploy', 'web', '-o', 'jsonpath={.metadata.namespace}']), r('dev'));
  assert.deepEqual(ks(home, ['get', 'deploy', '-n', 'default']), r('', 'No resources found in default namespace.\n'));
  // a client-side generator writes the namespace only when -n is given, as kubectl
  const y = ks(home, ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'jsonpath={.metadata.namespace}']);
  assert.deepEqual(y, r(''));
});

test('use-context with a second cluster; --context; cluster delete drops the context', () => {
  const home = tempHome();
  assert.deepEqual(ks(home, ['config', 'set-context', '--current', '--namespace=default']), r('Context "default" modified.\n'));
  assert.deepEqual(ks(home, ['cluster', 'create', 'two']), r('cluster "two" created with 1 node\n'));
  assert.deepEqual(ks(home, ['config', 'get-contexts']), r(
    'CURRENT   NAME      CLUSTER   AUTHINFO   NAMESPACE\n' +
    '*         default   default   default    default\n' +
    '          two       two       two        \n'));
  assert.deepEqual(ks(home, ['config', 'get-contexts', '-o', 'name']), r('default\ntwo\n'));
  assert.deepEqual(ks(home, ['config', 'get-contexts', '--no-headers', 'two']), r('      two   two   two   \n'));
  assert.deepEqual(ks(home, ['config', 'get-clusters']), r('NAME\ndefault\ntwo\n'));
  assert.deepEqual(ks(home, ['config', 'get-users']), r('NAME\ndefault\ntwo\n'));
  assert.deepEqual(ks(home, ['create', 'deployment', 'one', '--image=nginx']), r('deployment.apps/one created\n'));
  assert.deepEqual(ks(home, ['config', 'use-context', 'two']), r('Switched to context "two".\n'));
  assert.deepEqual(ks(home, ['config', 'current-context']), r('two\n'));
  assert.deepEqual(ks(home, ['get', 'deploy']), r('', 'No resources found in default namespace.\n'));
  assert.deepEqual(ks(home, ['get', 'deploy', '-o', 'name', '--context', 'default']), r('deployment.apps/one\n'));
  assert.deepEqual(ks(home, ['get', 'deploy', '-o', 'name', '--cluster', 'default']), r('deployment.apps/one\n'));
  assert.deepEqual(ks(home, ['get', 'pods', '--context', 'nope']), r('', 'error: context was not found for specified context: nope\n', 1));
  assert.deepEqual(ks(home, ['config', 'view', '--minify']), r(`apiVersion: v1
clusters:
- cluster:
    server: https://two.kubesim.local:6443
  name: two
contexts:
- context:
    cluster: two
    user: two
  name: two
current-context: two
kind: Config
preferences: {}
users:
- name: two
  user:
    token: REDACTED
`));
  assert.deepEqual(ks(home, ['config', 'view', '--minify', '-o', 'jsonpath={.contexts[*].name} {.current-context}']), r('two two'));
  assert.deepEqual(ks(home, ['cluster', 'delete', 'two']), r('cluster "two" deleted\n'));
  assert.deepEqual(ks(home, ['config', 'get-contexts', '-o', 'name']), r('default\n'));
});

test('config verbs: rename, delete, set, unset, credentials, and their errors', () => {
  const home = tempHome();
  const file = path.join(home, 'other-kubeconfig');
  const k = (...a: string[]) => ks(home, ['--kubeconfig', file, 'config', ...a]);
  assert.deepEqual(k('current-context'), r('', 'error: current-context is not set\n', 1));
  assert.deepEqual(k('set-context', '--current', '--namespace=x'), r('', 'error: no current context is set\n', 1));
  assert.deepEqual(k('view', '--minify'), r('', 'error: current-context must exist in order to minify\n', 1));
  assert.deepEqual(k('view'), r('apiVersion: v1\nclusters: null\ncontexts: null\ncurrent-context: ""\nkind: Config\npreferences: {}\nusers: null\n'));
  assert.deepEqual(k('set-cluster', 'c', '--server=https://s', '--insecure-skip-tls-verify'), r('Cluster "c" set.\n'));
  assert.deepEqual(k('set-credentials', 'u', '--token=t'), r('User "u" set.\n'));
  assert.deepEqual(k('set-context', 'a', '--cluster=c', '--user=u'), r('Context "a" created.\n'));
  assert.deepEqual(k('set-context', 'a', '--namespace=n'), r('Context "a" modified.\n'));
  assert.deepEqual(k('use-context', 'x'), r('', 'error: no context exists with the name: "x"\n', 1));
  assert.deepEqual(k('use', 'a'), r('Switched to context "a".\n'));
  assert.deepEqual(k('get-contexts', 'x'), r('CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n', 'error: context x not found\n', 1));
  assert.deepEqual(k('rename-context', 'nope', 'b'), r('', `error: cannot rename the context "nope", it's not in ${file}\n`, 1));
  assert.deepEqual(k('rename-context', 'a', 'b'), r('Context "a" renamed to "b".\n'));
  assert.deepEqual(k('set', 'contexts.b.namespace', 'n2'), r('Property "contexts.b.namespace" set.\n'));
  assert.deepEqual(k('set', 'foo', 'bar'), r('', 'error: unable to parse foo after [] at api.Config\n', 1));
  assert.deepEqual(k('view', '-o', 'json'), r(`{
    "kind": "Config",
    "apiVersion": "v1",
    "preferences": {},
    "clusters": [
        {
            "name": "c",
            "cluster": {
                "server": "https://s",
                "insecure-skip-tls-verify": true
            }
        }
    ],
    "users": [
        {
            "name": "u",
            "user": {
                "token": "REDACTED"
            }
        }
    ],
    "contexts": [
        {
            "name": "b",
            "context": {
                "cluster": "c",
                "user": "u",
                "namespace": "n2"
            }
        }
    ],
    "current-context": "b"
}
`));
  assert.deepEqual(k('unset', 'contexts.b.namespace'), r('Property "contexts.b.namespace" unset.\n'));
  assert.deepEqual(k('delete-context', 'b'), r(`deleted context b from ${file}\n`, 'warning: this removed your active context, use "kubectl config use-context" to select a different one\n'));
  assert.deepEqual(k('delete-context', 'b'), r('', `error: cannot delete context b, not in ${file}\n`, 1));
  assert.deepEqual(k('delete-cluster', 'c'), r(`deleted cluster c from ${file}\n`));
  assert.deepEqual(k('delete-user', 'u'), r(`deleted user u from ${file}\n`));
  assert.equal(fs.existsSync(path.join(home, 'kubeconfig')), false, 'kubesim\'s own kubeconfig untouched');
});

test('config view prints with every object format: name, go-template (with its debugging dump), --merge', () => {
  const home = tempHome();
  assert.deepEqual(ks(home, ['config', 'view', '-o', 'name']), r('config/<unknown>\n'));
  assert.deepEqual(ks(home, ['config', 'view', '--template={{range .contexts}}{{.name}} {{end}}']), r('default '));
  assert.deepEqual(ks(home, ['config', 'view', '-o', 'go-template={{.nope}}']), r('<no value>'));
  const strict = ks(home, ['config', 'view', '--template={{.nope}}', '--allow-missing-template-keys=false']);
  assert.equal(strict.code, 1);
  assert.equal(strict.stderr, 'error: error executing template "{{.nope}}": template: output:1:2: executing "output" at <.nope>: map has no entry for key "nope"\n');
  // the dump shows the typed Config in its field order, then the template engine's map
  assert.ok(strict.stdout.includes('\traw data was:\n\t\t{"kind":"Config","apiVersion":"v1","preferences":{},"clusters":[{"name":"default","cluster":{"server":"https://default.kubesim.local:6443"}}]'), strict.stdout);
  assert.deepEqual(ks(home, ['config', 'view', '-o', 'foo']), r('', 'error: unable to match a printer suitable for the output format "foo", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n', 1));
  assert.deepEqual(ks(home, ['config', 'view', '--merge=false']), r('', 'error: if merge==false a precise file must be specified\n', 1));
  const file = path.join(home, 'kubeconfig');
  assert.equal(ks(home, ['config', 'view', '--merge=false', '--kubeconfig', file, '-o', 'jsonpath={.current-context}']).stdout, 'default');
});

test('config set-credentials: the exec plugin and the auth provider, as kubectl v1.32 writes them', () => {
  const home = tempHome();
  const file = path.join(home, 'kc');
  const k = (...a: string[]) => ks(home, ['config', ...a, '--kubeconfig', file]);
  assert.deepEqual(k('set-credentials', 'v', '--exec-command=foo', '--exec-arg=a,b', '--exec-env=K=V', '--exec-env=L=W', '--exec-api-version=client.authentication.k8s.io/v1'), r('User "v" set.\n'));
  assert.deepEqual(JSON.parse(ok(k('view', '-o', 'json'))).users, [{ name: 'v', user: { exec: {
    command: 'foo', args: ['a', 'b'], env: [{ name: 'K', value: 'V' }, { name: 'L', value: 'W' }], apiVersion: 'client.authentication.k8s.io/v1', provideClusterInfo: false } } }]);
  // a new command resets the arguments; env entries are removed with KEY- and updated in place (jsonpath: sorted keys)
  ok(k('set-credentials', 'v', '--exec-command=bar', '--exec-env=K-', '--exec-env=L=X', '--exec-interactive-mode=Never', '--exec-provide-cluster-info'));
  assert.equal(ok(k('view', '-o', 'jsonpath={.users[0].user.exec}')), '{"apiVersion":"client.authentication.k8s.io/v1","args":null,"command":"bar","env":[{"name":"L","value":"X"}],"interactiveMode":"Never","provideClusterInfo":true}');
  // exec and auth-provider arguments change only what exists
  ok(k('set-credentials', 'w', '--exec-arg=x', '--auth-provider-arg=a=b'));
  ok(k('set-credentials', 'w', '--auth-provider=oidc', '--auth-provider-arg=client-id=x,secret=y'));
  ok(k('set-credentials', 'w', '--auth-provider-arg=secret-', '--auth-provider-arg=z=1'));
  assert.equal(ok(k('view', '-o', 'jsonpath={.users[1].user}')), '{"auth-provider":{"config":{"client-id":"x","z":"1"},"name":"oidc"}}');
  assert.deepEqual(k('set-credentials', 'w', '--exec-interactive-mode=Foo'), r('', 'error: invalid interactive mode type, can be only IfAvailable, Never, Always\n', 1));
  const bad = k('set-credentials', 'w', '--exec-env=bad');
  assert.deepEqual([bad.code, bad.stderr], [1, 'error: invalid exec-env format: bad\n']);
  assert.match(bad.stdout, /^Create or change a user entry/);
});
