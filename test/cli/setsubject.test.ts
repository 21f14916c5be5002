// kubectl set subject: users, groups and service accounts added to bindings (each once, sorted within its kind;
// a binding that already has them is left alone, printing nothing), with set_subject.go's errors.
import test from 'node:test';
import { play } from './helpers.js';

test('set subject', () => play([
    {"args":["clock","set-mode","manual"],"stdout":""},
    {"args":["clock","set","2030-01-01T00:00:00Z"],"stdout":""},
    {"args":["create","role","r","--verb=get","--resource=pods"],"stdout":"role.rbac.authorization.k8s.io/r created\n"},
    {"args":["create","rolebinding","rb","--role=r","--user=alice"],"stdout":"rolebinding.rbac.authorization.k8s.io/rb created\n"},
    {"args":["create","clusterrolebinding","crb","--clusterrole=view","--group=devs"],"stdout":"clusterrolebinding.rbac.authorization.k8s.io/crb created\n"},
    {"args":["set","subject","rolebinding","rb","--user=bob","--user=alice","--serviceaccount=:sa1","--group=g1"],"stdout":"rolebinding.rbac.authorization.k8s.io/rb subject updated\n"},
    {"args":["get","rolebinding","rb","-o","jsonpath={.subjects}"],"stdout":"[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",\"name\":\"alice\"},{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",\"name\":\"bob\"},{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Group\",\"name\":\"g1\"},{\"kind\":\"ServiceAccount\",\"name\":\"sa1\",\"namespace\":\"default\"}]"},
    {"args":["set","subject","rolebinding","rb","--user=bob"],"stdout":""},
    {"args":["set","subject","clusterrolebinding","crb","--serviceaccount=:x"],"stdout":"","stderr":"error: serviceaccount must be <namespace>:<name>, namespace must be specified\n","code":1},
    {"args":["set","subject","clusterrolebinding","crb","--serviceaccount=kube-system:x","--dry-run=client","-o","yaml"],"stdout":"apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  creationTimestamp: \"2030-01-01T00:00:00Z\"\n  name: crb\n  resourceVersion: \"36\"\n  uid: f36a3e45-29cb-4ba3-8991-76648ac478d5\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: view\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: devs\n- kind: ServiceAccount\n  name: x\n  namespace: kube-system\n"},
    {"args":["get","clusterrolebinding","crb","-o","jsonpath={.subjects[*].name}"],"stdout":"devs"},
    {"args":["set","subject","rolebinding","rb"],"stdout":"","stderr":"error: you must specify at least one value of user, group or serviceaccount\n","code":1},
    {"args":["set","subject","rolebinding","rb","--serviceaccount=bad"],"stdout":"","stderr":"error: serviceaccount must be <namespace>:<name>\n","code":1},
    {"args":["set","subject","rolebinding","rb","--all","-l","a=b","--user=x"],"stdout":"","stderr":"error: cannot set --all and --selector at the same time\n","code":1},
    {"args":["create","deploy","d","--image=nginx"],"stdout":"deployment.apps/d created\n"},
    {"args":["set","subject","deploy","d","--user=x"],"stdout":"","stderr":"error: deployments/d setting subjects is only supported for RoleBinding/ClusterRoleBinding\n","code":1},
]));
