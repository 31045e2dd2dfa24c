/**
 * Starting points for the editor: the objects the Kubernetes documentation's examples begin with
 * (nginx Pod, Deployment, Service, ...), in the field order `kubectl create --dry-run=client -o yaml`
 * uses.
 */

/** A named template. */
export interface Template {
  name: string;
  yaml: string;
}

/** Every template, in menu order. */
export const TEMPLATES: readonly Template[] = [
  {
    name: 'Pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.27
    ports:
    - containerPort: 80
`,
  },
  {
    name: 'Deployment',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
`,
  },
  {
    name: 'Service',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - protocol: TCP
    port: 80
    targetPort: 80
`,
  },
  {
    name: 'DaemonSet',
    yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
  labels:
    app: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      tolerations:
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      containers:
      - name: agent
        image: busybox:1.36
        command: ["sh", "-c", "sleep infinity"]
`,
  },
  {
    name: 'Job',
    yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]
`,
  },
  {
    name: 'CronJob',
    yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: hello
            image: busybox:1.36
            command: ["sh", "-c", "date; echo Hello from the Kubernetes cluster"]
`,
  },
  {
    name: 'ConfigMap',
    yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: game-config
data:
  player_initial_lives: "3"
  ui_properties_file_name: user-interface.properties
`,
  },
  {
    name: 'StatefulSet',
    yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
`,
  },
  {
    name: 'Namespace',
    yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: dev
`,
  },
];
