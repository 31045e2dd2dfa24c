/**
 * Help texts of the commands added after `get`: long description, examples, usage line and flags, as
 * `kubectl.1.33 <cmd> --help` prints them (recorded verbatim in testdata/help/<cmd>.txt). Generated
 * once from those texts by a throwaway script; flag types follow the printed defaults.
 */
import type { Command } from '../framework/command';
import type { FlagDef } from '../framework/flags';

/** Help fields of one command path. */
export interface HelpText {
  short: string;
  long: string;
  example?: string;
  usage: string;
  aliases?: string[];
  flags: FlagDef[];
}

/** Help by command path (`rollout status`). */
export const HELP: Record<string, HelpText> = {
  apply: {
    long: "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.\n\n JSON and YAML formats are accepted.\n\n Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.",
    usage: 'apply (-f FILENAME | -k DIRECTORY)',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources in the namespace of the specified resource types.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'cascade',
        type: 'string',
        default: 'background',
        noOptDefault: 'background',
        usage:
          'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-client-side-apply',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'The files that contain the configurations to apply.',
      },
      {
        name: 'force',
        type: 'bool',
        usage:
          'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
      },
      {
        name: 'force-conflicts',
        type: 'bool',
        usage: 'If true, server-side apply will force the changes against conflicts.',
      },
      {
        name: 'grace-period',
        type: 'int',
        default: -1,
        usage:
          'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process a kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'openapi-patch',
        type: 'bool',
        default: true,
        usage:
          'If true, use openapi to calculate diff when the openapi presents and the resource can be found in the openapi spec. Otherwise, fall back to use baked-in types.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'overwrite',
        type: 'bool',
        default: true,
        usage:
          'Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration',
      },
      {
        name: 'prune',
        type: 'bool',
        usage:
          'Automatically delete resource objects, that do not appear in the configs and are created by either apply or create --save-config. Should be used with either -l or --all.',
      },
      {
        name: 'prune-allowlist',
        type: 'stringSlice',
        usage: 'Overwrite the default allowlist with <group/version/kind> for --prune',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'server-side',
        type: 'bool',
        usage: 'If true, apply runs in the server instead of the client.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'subresource',
        type: 'string',
        usage:
          'If specified, apply will operate on the subresource of the requested object.  Only allowed when using --server-side.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'timeout',
        type: 'duration',
        usage:
          'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'wait',
        type: 'bool',
        usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
      },
    ],
    example:
      "  # Apply the configuration in pod.json to a pod\n  kubectl apply -f ./pod.json\n  \n  # Apply resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n  kubectl apply -k dir/\n  \n  # Apply the JSON passed into stdin to a pod\n  cat pod.json | kubectl apply -f -\n  \n  # Apply the configuration from all files that end with '.json'\n  kubectl apply -f '*.json'\n  \n  # Note: --prune is still in Alpha\n  # Apply the configuration in manifest.yaml that matches label app=nginx and delete all other resources that are not in the file and match label app=nginx\n  kubectl apply --prune -f manifest.yaml -l app=nginx\n  \n  # Apply the configuration in manifest.yaml and delete all the other config maps that are not in the file\n  kubectl apply --prune -f manifest.yaml --all --prune-allowlist=core/v1/ConfigMap",
    short: 'Apply a configuration to a resource by file name or stdin',
  },
  'apply view-last-applied': {
    long: 'View the latest last-applied-configuration annotations by type/name or file.\n\n The default output will be printed to stdout in YAML format. You can use the -o option to change the output format.',
    usage: 'apply view-last-applied (TYPE [NAME | -l label] | TYPE/NAME | -f FILENAME)',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources in the namespace of the specified resource types',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage:
          'Filename, directory, or URL to files that contains the last-applied-configuration annotations',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        default: 'yaml',
        usage: 'Output format. Must be one of (yaml, json)',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
    ],
    example:
      '  # View the last-applied-configuration annotations by type/name in YAML\n  kubectl apply view-last-applied deployment/nginx\n  \n  # View the last-applied-configuration annotations by file in JSON\n  kubectl apply view-last-applied -f deploy.yaml -o json',
    short: 'View the latest last-applied-configuration annotations of a resource/object',
  },
  'apply set-last-applied': {
    long: "Set the latest last-applied-configuration annotations by setting it to match the contents of a file. This results in the last-applied-configuration being updated as though 'kubectl apply -f<file> ' was run, without updating any other parts of the object.",
    usage: 'apply set-last-applied -f FILENAME',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'create-annotation',
        type: 'bool',
        usage: "Will create 'last-applied-configuration' annotations if current objects doesn't have one",
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage:
          'Filename, directory, or URL to files that contains the last-applied-configuration annotations',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Set the last-applied-configuration of a resource to match the contents of a file\n  kubectl apply set-last-applied -f deploy.yaml\n  \n  # Execute set-last-applied against each configuration file in a directory\n  kubectl apply set-last-applied -f path/\n  \n  # Set the last-applied-configuration of a resource to match the contents of a file; will create the annotation if it does not already exist\n  kubectl apply set-last-applied -f deploy.yaml --create-annotation=true',
    short: 'Set the last-applied-configuration annotation on a live object to match the contents of a file',
  },
  'apply edit-last-applied': {
    long: "Edit the latest last-applied-configuration annotations of resources from the default editor.\n\n The edit-last-applied command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.\n\n The default format is YAML. To edit in JSON, specify \"-o json\".\n\n The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.\n\n In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.",
    usage: 'apply edit-last-applied (RESOURCE/NAME | -f FILENAME)',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-client-side-apply',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files to use to edit the resource',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'windows-line-endings',
        type: 'bool',
        usage: 'Defaults to the line ending native to your platform.',
      },
    ],
    example:
      '  # Edit the last-applied-configuration annotations by type/name in YAML\n  kubectl apply edit-last-applied deployment/nginx\n  \n  # Edit the last-applied-configuration annotations by file in JSON\n  kubectl apply edit-last-applied -f deploy.yaml -o json',
    short: 'Edit latest last-applied-configuration annotations of a resource/object',
  },
  create: {
    long: 'Create a resource from a file or from stdin.\n\n JSON and YAML formats are accepted.',
    usage: 'create -f FILENAME',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'edit',
        type: 'bool',
        usage: 'Edit the API resource before creating',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files to use to create the resource',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'raw',
        type: 'string',
        usage: 'Raw URI to POST to the server.  Uses the transport specified by the kubeconfig file.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'windows-line-endings',
        type: 'bool',
        usage: 'Only relevant if --edit=true. Defaults to the line ending native to your platform.',
      },
    ],
    example:
      '  # Create a pod using the data in pod.json\n  kubectl create -f ./pod.json\n  \n  # Create a pod based on the JSON passed into stdin\n  cat pod.json | kubectl create -f -\n  \n  # Edit the data in registry.yaml in JSON then create the resource using the edited data\n  kubectl create -f registry.yaml --edit -o json',
    short: 'Create a resource from a file or from stdin',
  },
  'create clusterrole': {
    long: 'Create a cluster role.',
    usage:
      'create clusterrole NAME --verb=verb --resource=resource.group [--resource-name=resourcename] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'aggregation-rule',
        type: 'raw',
        default: '',
        usage: 'An aggregation label selector for combining ClusterRoles.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'non-resource-url',
        type: 'stringSlice',
        usage: 'A partial url that user should have access to.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'resource',
        type: 'stringSlice',
        usage: 'Resource that the rule applies to',
      },
      {
        name: 'resource-name',
        type: 'stringSlice',
        usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'verb',
        type: 'stringSlice',
        usage: 'Verb that applies to the resources contained in the rule',
      },
    ],
    example:
      '  # Create a cluster role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods\n  kubectl create clusterrole pod-reader --verb=get,list,watch --resource=pods\n  \n  # Create a cluster role named "pod-reader" with ResourceName specified\n  kubectl create clusterrole pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n  \n  # Create a cluster role named "foo" with API Group specified\n  kubectl create clusterrole foo --verb=get,list,watch --resource=rs.apps\n  \n  # Create a cluster role named "foo" with SubResource specified\n  kubectl create clusterrole foo --verb=get,list,watch --resource=pods,pods/status\n  \n  # Create a cluster role name "foo" with NonResourceURL specified\n  kubectl create clusterrole "foo" --verb=get --non-resource-url=/logs/*\n  \n  # Create a cluster role name "monitoring" with AggregationRule specified\n  kubectl create clusterrole monitoring --aggregation-rule="rbac.example.com/aggregate-to-monitoring=true"',
    short: 'Create a cluster role',
  },
  'create clusterrolebinding': {
    long: 'Create a cluster role binding for a particular cluster role.',
    usage:
      'create clusterrolebinding NAME --clusterrole=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'clusterrole',
        type: 'string',
        usage: 'ClusterRole this ClusterRoleBinding should reference',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'group',
        type: 'stringSlice',
        usage: 'Groups to bind to the clusterrole. The flag can be repeated to add multiple groups.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'serviceaccount',
        type: 'stringSlice',
        usage:
          'Service accounts to bind to the clusterrole, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'user',
        type: 'stringSlice',
        usage: 'Usernames to bind to the clusterrole. The flag can be repeated to add multiple users.',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a cluster role binding for user1, user2, and group1 using the cluster-admin cluster role\n  kubectl create clusterrolebinding cluster-admin --clusterrole=cluster-admin --user=user1 --user=user2 --group=group1',
    short: 'Create a cluster role binding for a particular cluster role',
  },
  'create configmap': {
    long: 'Create a config map based on a file, directory, or specified literal value.\n\n A single config map may package one or more key/value pairs.\n\n When creating a config map based on a file, the key will default to the basename of the file, and the value will default to the file content.  If the basename is an invalid key, you may specify an alternate key.\n\n When creating a config map based on a directory, each file whose basename is a valid key in the directory will be packaged into the config map.  Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
    usage:
      'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'append-hash',
        type: 'bool',
        usage: 'Append a hash of the configmap to its name.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'from-env-file',
        type: 'stringSlice',
        usage: 'Specify the path to a file to read lines of key=val pairs to create a configmap.',
      },
      {
        name: 'from-file',
        type: 'stringSlice',
        usage:
          'Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used.  Specifying a directory will iterate each named file in the directory whose basename is a valid configmap key.',
      },
      {
        name: 'from-literal',
        type: 'stringArray',
        usage: 'Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new config map named my-config based on folder bar\n  kubectl create configmap my-config --from-file=path/to/bar\n  \n  # Create a new config map named my-config with specified keys instead of file basenames on disk\n  kubectl create configmap my-config --from-file=key1=/path/to/bar/file1.txt --from-file=key2=/path/to/bar/file2.txt\n  \n  # Create a new config map named my-config with key1=config1 and key2=config2\n  kubectl create configmap my-config --from-literal=key1=config1 --from-literal=key2=config2\n  \n  # Create a new config map named my-config from the key=value pairs in the file\n  kubectl create configmap my-config --from-file=path/to/bar\n  \n  # Create a new config map named my-config from an env file\n  kubectl create configmap my-config --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
    aliases: ['cm'],
    short: 'Create a config map from a local file, directory or literal value',
  },
  'create cronjob': {
    long: 'Create a cron job with the specified name.',
    usage: "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags]",
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'image',
        type: 'string',
        usage: 'Image name to run.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'restart',
        type: 'string',
        usage: "job's restart policy. supported values: OnFailure, Never",
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'schedule',
        type: 'string',
        usage: 'A schedule in the Cron format the job should be run with.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a cron job\n  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *"\n  \n  # Create a cron job with a command\n  kubectl create cronjob my-job --image=busybox --schedule="*/1 * * * *" -- date',
    aliases: ['cj'],
    short: 'Create a cron job with the specified name',
  },
  'create deployment': {
    long: 'Create a deployment with the specified name.',
    usage: 'create deployment NAME --image=image -- [COMMAND] [args...]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'image',
        type: 'stringSlice',
        usage: 'Image names to run. A deployment can have multiple images set for multi-container pod.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'port',
        type: 'int',
        default: -1,
        usage: 'The containerPort that this deployment exposes.',
      },
      {
        name: 'replicas',
        short: 'r',
        type: 'int',
        default: 1,
        usage: 'Number of replicas to create. Default is 1.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a deployment named my-dep that runs the busybox image\n  kubectl create deployment my-dep --image=busybox\n  \n  # Create a deployment with a command\n  kubectl create deployment my-dep --image=busybox -- date\n  \n  # Create a deployment named my-dep that runs the nginx image with 3 replicas\n  kubectl create deployment my-dep --image=nginx --replicas=3\n  \n  # Create a deployment named my-dep that runs the busybox image and expose port 5701\n  kubectl create deployment my-dep --image=busybox --port=5701\n  \n  # Create a deployment named my-dep that runs multiple containers\n  kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx',
    aliases: ['deploy'],
    short: 'Create a deployment with the specified name',
  },
  'create ingress': {
    long: 'Create an ingress with the specified name.',
    usage: 'create ingress NAME --rule=host/path=service:port[,tls[=secret]] ',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'annotation',
        type: 'stringSlice',
        usage: 'Annotation to insert in the ingress object, in the format annotation=value',
      },
      {
        name: 'class',
        type: 'string',
        usage: 'Ingress Class to be used',
      },
      {
        name: 'default-backend',
        type: 'string',
        usage: 'Default service for backend, in format of svcname:port',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'rule',
        type: 'stringArray',
        usage:
          "Rule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.",
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a single ingress called \'simple\' that directs requests to foo.com/bar to svc\n  # svc1:8080 with a TLS secret "my-cert"\n  kubectl create ingress simple --rule="foo.com/bar=svc1:8080,tls=my-cert"\n  \n  # Create a catch all ingress of "/path" pointing to service svc:port and Ingress Class as "otheringress"\n  kubectl create ingress catch-all --class=otheringress --rule="/path=svc:port"\n  \n  # Create an ingress with two annotations: ingress.annotation1 and ingress.annotations2\n  kubectl create ingress annotated --class=default --rule="foo.com/bar=svc:port" \\\n  --annotation ingress.annotation1=foo \\\n  --annotation ingress.annotation2=bla\n  \n  # Create an ingress with the same host and multiple paths\n  kubectl create ingress multipath --class=default \\\n  --rule="foo.com/=svc:port" \\\n  --rule="foo.com/admin/=svcadmin:portadmin"\n  \n  # Create an ingress with multiple hosts and the pathType as Prefix\n  kubectl create ingress ingress1 --class=default \\\n  --rule="foo.com/path*=svc:8080" \\\n  --rule="bar.com/admin*=svc2:http"\n  \n  # Create an ingress with TLS enabled using the default ingress certificate and different path types\n  kubectl create ingress ingtls --class=default \\\n  --rule="foo.com/=svc:https,tls" \\\n  --rule="foo.com/path/subpath*=othersvc:8080"\n  \n  # Create an ingress with TLS enabled using a specific secret and pathType as Prefix\n  kubectl create ingress ingsecret --class=default \\\n  --rule="foo.com/*=svc:8080,tls=secret1"\n  \n  # Create an ingress with a default backend\n  kubectl create ingress ingdefault --class=default \\\n  --default-backend=defaultsvc:http \\\n  --rule="foo.com/*=svc:8080,tls=secret1"',
    aliases: ['ing'],
    short: 'Create an ingress with the specified name',
  },
  'create job': {
    long: 'Create a job with the specified name.',
    usage: 'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'from',
        type: 'string',
        usage: 'The name of the resource to create a Job from (only cronjob is supported).',
      },
      {
        name: 'image',
        type: 'string',
        usage: 'Image name to run.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a job\n  kubectl create job my-job --image=busybox\n  \n  # Create a job with a command\n  kubectl create job my-job --image=busybox -- date\n  \n  # Create a job from a cron job named "a-cronjob"\n  kubectl create job test-job --from=cronjob/a-cronjob',
    short: 'Create a job with the specified name',
  },
  'create namespace': {
    long: 'Create a namespace with the specified name.',
    usage: 'create namespace NAME [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example: '  # Create a new namespace named my-namespace\n  kubectl create namespace my-namespace',
    aliases: ['ns'],
    short: 'Create a namespace with the specified name',
  },
  'create poddisruptionbudget': {
    long: 'Create a pod disruption budget with the specified name, selector, and desired minimum available pods.',
    usage:
      'create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'max-unavailable',
        type: 'string',
        usage: 'The maximum number or percentage of unavailable pods this budget requires.',
      },
      {
        name: 'min-available',
        type: 'string',
        usage: 'The minimum number or percentage of available pods this budget requires.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'selector',
        type: 'string',
        usage:
          'A label selector to use for this budget. Only equality-based selector requirements are supported.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a pod disruption budget named my-pdb that will select all pods with the app=rails label\n  # and require at least one of them being available at any point in time\n  kubectl create poddisruptionbudget my-pdb --selector=app=rails --min-available=1\n  \n  # Create a pod disruption budget named my-pdb that will select all pods with the app=nginx label\n  # and require at least half of the pods selected to be available at any point in time\n  kubectl create pdb my-pdb --selector=app=nginx --min-available=50%',
    aliases: ['pdb'],
    short: 'Create a pod disruption budget with the specified name',
  },
  'create priorityclass': {
    long: 'Create a priority class with the specified name, value, globalDefault and description.',
    usage: 'create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'description',
        type: 'string',
        usage:
          'description is an arbitrary string that usually provides guidelines on when this priority class should be used.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'global-default',
        type: 'bool',
        usage:
          'global-default specifies whether this PriorityClass should be considered as the default priority.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'preemption-policy',
        type: 'string',
        default: 'PreemptLowerPriority',
        usage: 'preemption-policy is the policy for preempting pods with lower priority.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'value',
        type: 'int',
        usage: 'the value of this priority class.',
      },
    ],
    example:
      '  # Create a priority class named high-priority\n  kubectl create priorityclass high-priority --value=1000 --description="high priority"\n  \n  # Create a priority class named default-priority that is considered as the global default priority\n  kubectl create priorityclass default-priority --value=1000 --global-default=true --description="default priority"\n  \n  # Create a priority class named high-priority that cannot preempt pods with lower priority\n  kubectl create priorityclass high-priority --value=1000 --description="high priority" --preemption-policy="Never"',
    aliases: ['pc'],
    short: 'Create a priority class with the specified name',
  },
  'create quota': {
    long: 'Create a resource quota with the specified name, hard limits, and optional scopes.',
    usage:
      'create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'hard',
        type: 'string',
        usage: 'A comma-delimited set of resource=quantity pairs that define a hard limit.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'scopes',
        type: 'string',
        usage: 'A comma-delimited set of quota scopes that must all match each object tracked by the quota.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new resource quota named my-quota\n  kubectl create quota my-quota --hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10\n  \n  # Create a new resource quota named best-effort\n  kubectl create quota best-effort --hard=pods=100 --scopes=BestEffort',
    aliases: ['resourcequota'],
    short: 'Create a quota with the specified name',
  },
  'create role': {
    long: 'Create a role with single rule.',
    usage:
      'create role NAME --verb=verb --resource=resource.group/subresource [--resource-name=resourcename] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'resource',
        type: 'stringSlice',
        usage: 'Resource that the rule applies to',
      },
      {
        name: 'resource-name',
        type: 'stringSlice',
        usage: 'Resource in the white list that the rule applies to, repeat this flag for multiple items',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'verb',
        type: 'stringSlice',
        usage: 'Verb that applies to the resources contained in the rule',
      },
    ],
    example:
      '  # Create a role named "pod-reader" that allows user to perform "get", "watch" and "list" on pods\n  kubectl create role pod-reader --verb=get --verb=list --verb=watch --resource=pods\n  \n  # Create a role named "pod-reader" with ResourceName specified\n  kubectl create role pod-reader --verb=get --resource=pods --resource-name=readablepod --resource-name=anotherpod\n  \n  # Create a role named "foo" with API Group specified\n  kubectl create role foo --verb=get,list,watch --resource=rs.apps\n  \n  # Create a role named "foo" with SubResource specified\n  kubectl create role foo --verb=get,list,watch --resource=pods,pods/status',
    short: 'Create a role with single rule',
  },
  'create rolebinding': {
    long: 'Create a role binding for a particular role or cluster role.',
    usage:
      'create rolebinding NAME --clusterrole=NAME|--role=NAME [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'clusterrole',
        type: 'string',
        usage: 'ClusterRole this RoleBinding should reference',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'group',
        type: 'stringSlice',
        usage: 'Groups to bind to the role. The flag can be repeated to add multiple groups.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'role',
        type: 'string',
        usage: 'Role this RoleBinding should reference',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'serviceaccount',
        type: 'stringSlice',
        usage:
          'Service accounts to bind to the role, in the format <namespace>:<name>. The flag can be repeated to add multiple service accounts.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'user',
        type: 'stringSlice',
        usage: 'Usernames to bind to the role. The flag can be repeated to add multiple users.',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a role binding for user1, user2, and group1 using the admin cluster role\n  kubectl create rolebinding admin --clusterrole=admin --user=user1 --user=user2 --group=group1\n  \n  # Create a role binding for service account monitoring:sa-dev using the admin role\n  kubectl create rolebinding admin-binding --role=admin --serviceaccount=monitoring:sa-dev',
    short: 'Create a role binding for a particular role or cluster role',
  },
  'create secret': {
    long: 'Create a secret with specified type.\n\n A docker-registry type secret is for accessing a container registry.\n\n A generic type secret indicate an Opaque secret type.\n\n A tls type secret holds TLS certificate and its associated key.',
    usage: 'create secret (docker-registry | generic | tls)',
    flags: [],
    short: 'Create a secret using a specified subcommand',
  },
  'create service': {
    long: 'Create a service using a specified subcommand.',
    usage: 'create service [flags]',
    flags: [],
    aliases: ['svc'],
    short: 'Create a service using a specified subcommand',
  },
  'create serviceaccount': {
    long: 'Create a service account with the specified name.',
    usage: 'create serviceaccount NAME [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new service account named my-service-account\n  kubectl create serviceaccount my-service-account',
    aliases: ['sa'],
    short: 'Create a service account with the specified name',
  },
  'create token': {
    long: 'Request a service account token.',
    usage: 'create token SERVICE_ACCOUNT_NAME',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'audience',
        type: 'stringSlice',
        usage:
          'Audience of the requested token. If unset, defaults to requesting a token for use with the Kubernetes API server. May be repeated to request a token valid for multiple audiences.',
      },
      {
        name: 'bound-object-kind',
        type: 'string',
        usage:
          'Kind of an object to bind the token to. Supported kinds are Node, Pod, Secret. If set, --bound-object-name must be provided.',
      },
      {
        name: 'bound-object-name',
        type: 'string',
        usage:
          'Name of an object to bind the token to. The token will expire when the object is deleted. Requires --bound-object-kind.',
      },
      {
        name: 'bound-object-uid',
        type: 'string',
        usage:
          'UID of an object to bind the token to. Requires --bound-object-kind and --bound-object-name. If unset, the UID of the existing object is used.',
      },
      {
        name: 'duration',
        type: 'duration',
        usage:
          'Requested lifetime of the issued token. If not set or if set to 0, the lifetime will be determined by the server automatically. The server may return a token with a longer or shorter lifetime.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Request a token to authenticate to the kube-apiserver as the service account "myapp" in the current namespace\n  kubectl create token myapp\n  \n  # Request a token for a service account in a custom namespace\n  kubectl create token myapp --namespace myns\n  \n  # Request a token with a custom expiration\n  kubectl create token myapp --duration 10m\n  \n  # Request a token with a custom audience\n  kubectl create token myapp --audience https://example.com\n  \n  # Request a token bound to an instance of a Secret object\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret\n  \n  # Request a token bound to an instance of a Secret object with a specific UID\n  kubectl create token myapp --bound-object-kind Secret --bound-object-name mysecret --bound-object-uid 0d4691ed-659b-4935-a832-355f77ee47cc',
    short: 'Request a service account token',
  },
  'create secret generic': {
    long: 'Create a secret based on a file, directory, or specified literal value.\n\n A single secret may package one or more key/value pairs.\n\n When creating a secret based on a file, the key will default to the basename of the file, and the value will default to the file content. If the basename is an invalid key or you wish to chose your own, you may specify an alternate key.\n\n When creating a secret based on a directory, each file whose basename is a valid key in the directory will be packaged into the secret. Any directory entries except regular files are ignored (e.g. subdirectories, symlinks, devices, pipes, etc).',
    usage:
      'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'append-hash',
        type: 'bool',
        usage: 'Append a hash of the secret to its name.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'from-env-file',
        type: 'stringSlice',
        usage: 'Specify the path to a file to read lines of key=val pairs to create a secret.',
      },
      {
        name: 'from-file',
        type: 'stringSlice',
        usage:
          'Key files can be specified using their file path, in which case a default name will be given to them, or optionally with a name and file path, in which case the given name will be used.  Specifying a directory will iterate each named file in the directory that is a valid secret key.',
      },
      {
        name: 'from-literal',
        type: 'stringArray',
        usage: 'Specify a key and literal value to insert in secret (i.e. mykey=somevalue)',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'type',
        type: 'string',
        usage: 'The type of secret to create',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new secret named my-secret with keys for each file in folder bar\n  kubectl create secret generic my-secret --from-file=path/to/bar\n  \n  # Create a new secret named my-secret with specified keys instead of names on disk\n  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-file=ssh-publickey=path/to/id_rsa.pub\n  \n  # Create a new secret named my-secret with key1=supersecret and key2=topsecret\n  kubectl create secret generic my-secret --from-literal=key1=supersecret --from-literal=key2=topsecret\n  \n  # Create a new secret named my-secret using a combination of a file and a literal\n  kubectl create secret generic my-secret --from-file=ssh-privatekey=path/to/id_rsa --from-literal=passphrase=topsecret\n  \n  # Create a new secret named my-secret from env files\n  kubectl create secret generic my-secret --from-env-file=path/to/foo.env --from-env-file=path/to/bar.env',
    short: 'Create a secret from a local file, directory, or literal value',
  },
  'create secret docker-registry': {
    long: "Create a new secret for use with Docker registries.\n        \n        Dockercfg secrets are used to authenticate against Docker registries.\n        \n        When using the Docker command line to push images, you can authenticate to a given registry by running:\n        '$ docker login DOCKER_REGISTRY_SERVER --username=DOCKER_USER --password=DOCKER_PASSWORD --email=DOCKER_EMAIL'.\n        \n That produces a ~/.dockercfg file that is used by subsequent 'docker push' and 'docker pull' commands to authenticate to the registry. The email address is optional.\n\n        When creating applications, you may have a Docker registry that requires authentication.  In order for the\n        nodes to pull images on your behalf, they must have the credentials.  You can provide this information\n        by creating a dockercfg secret and attaching it to your service account.",
    usage:
      'create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'append-hash',
        type: 'bool',
        usage: 'Append a hash of the secret to its name.',
      },
      {
        name: 'docker-email',
        type: 'string',
        usage: 'Email for Docker registry',
      },
      {
        name: 'docker-password',
        type: 'string',
        usage: 'Password for Docker registry authentication',
      },
      {
        name: 'docker-server',
        type: 'string',
        default: 'https://index.docker.io/v1/',
        usage: 'Server location for Docker registry',
      },
      {
        name: 'docker-username',
        type: 'string',
        usage: 'Username for Docker registry authentication',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'from-file',
        type: 'stringSlice',
        usage:
          'Key files can be specified using their file path, in which case a default name of .dockerconfigjson will be given to them, or optionally with a name and file path, in which case the given name will be used. Specifying a directory will iterate each named file in the directory that is a valid secret key. For this command, the key should always be .dockerconfigjson.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # If you do not already have a .dockercfg file, create a dockercfg secret directly\n  kubectl create secret docker-registry my-secret --docker-server=DOCKER_REGISTRY_SERVER --docker-username=DOCKER_USER --docker-password=DOCKER_PASSWORD --docker-email=DOCKER_EMAIL\n  \n  # Create a new secret named my-secret from ~/.docker/config.json\n  kubectl create secret docker-registry my-secret --from-file=path/to/.docker/config.json',
    short: 'Create a secret for use with a Docker registry',
  },
  'create secret tls': {
    long: 'Create a TLS secret from the given public/private key pair.\n\n The public/private key pair must exist beforehand. The public key certificate must be .PEM encoded and match the given private key.',
    usage:
      'create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'append-hash',
        type: 'bool',
        usage: 'Append a hash of the secret to its name.',
      },
      {
        name: 'cert',
        type: 'string',
        usage: 'Path to PEM encoded public key certificate.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'key',
        type: 'string',
        usage: 'Path to private key associated with given certificate.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new TLS secret named tls-secret with the given key pair\n  kubectl create secret tls tls-secret --cert=path/to/tls.crt --key=path/to/tls.key',
    short: 'Create a TLS secret',
  },
  'create service clusterip': {
    long: 'Create a ClusterIP service with the specified name.',
    usage: 'create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'clusterip',
        type: 'string',
        usage: "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing).",
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'tcp',
        type: 'stringSlice',
        usage: "Port pairs can be specified as '<port>:<targetPort>'.",
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new ClusterIP service named my-cs\n  kubectl create service clusterip my-cs --tcp=5678:8080\n  \n  # Create a new ClusterIP service named my-cs (in headless mode)\n  kubectl create service clusterip my-cs --clusterip="None"',
    short: 'Create a ClusterIP service',
  },
  'create service externalname': {
    long: 'Create an ExternalName service with the specified name.\n\n ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.',
    usage: 'create service externalname NAME --external-name external.name [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'external-name',
        type: 'string',
        usage: 'External name of service',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'tcp',
        type: 'stringSlice',
        usage: "Port pairs can be specified as '<port>:<targetPort>'.",
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new ExternalName service named my-ns\n  kubectl create service externalname my-ns --external-name bar.com',
    short: 'Create an ExternalName service',
  },
  'create service loadbalancer': {
    long: 'Create a LoadBalancer service with the specified name.',
    usage: 'create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'tcp',
        type: 'stringSlice',
        usage: "Port pairs can be specified as '<port>:<targetPort>'.",
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new LoadBalancer service named my-lbs\n  kubectl create service loadbalancer my-lbs --tcp=5678:8080',
    short: 'Create a LoadBalancer service',
  },
  'create service nodeport': {
    long: 'Create a NodePort service with the specified name.',
    usage: 'create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-create',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'node-port',
        type: 'int',
        usage: 'Port used to expose the service on each node in a cluster.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'tcp',
        type: 'stringSlice',
        usage: "Port pairs can be specified as '<port>:<targetPort>'.",
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      '  # Create a new NodePort service named my-ns\n  kubectl create service nodeport my-ns --tcp=5678:8080',
    short: 'Create a NodePort service',
  },
  run: {
    long: 'Create and run a particular image in a pod.',
    usage:
      'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'annotations',
        type: 'stringArray',
        usage: 'Annotations to apply to the pod.',
      },
      {
        name: 'attach',
        type: 'bool',
        usage:
          "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.",
      },
      {
        name: 'cascade',
        type: 'string',
        default: 'background',
        noOptDefault: 'background',
        usage:
          'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      },
      {
        name: 'command',
        type: 'bool',
        usage:
          "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.",
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'env',
        type: 'stringArray',
        usage: 'Environment variables to set in the container.',
      },
      {
        name: 'expose',
        type: 'bool',
        usage: 'If true, create a ClusterIP service associated with the pod.  Requires `--port`.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-run',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'to use to replace the resource.',
      },
      {
        name: 'force',
        type: 'bool',
        usage:
          'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
      },
      {
        name: 'grace-period',
        type: 'int',
        default: -1,
        usage:
          'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      },
      {
        name: 'image',
        type: 'string',
        usage: 'The image for the container to run.',
      },
      {
        name: 'image-pull-policy',
        type: 'string',
        usage:
          'The image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process a kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'labels',
        short: 'l',
        type: 'string',
        usage: 'Comma separated labels to apply to the pod. Will override previous values.',
      },
      {
        name: 'leave-stdin-open',
        type: 'bool',
        usage:
          'If the pod is started in interactive mode or with stdin, leave stdin open after the first attach completes. By default, stdin will be closed after the first attach completes.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'override-type',
        type: 'string',
        default: 'merge',
        usage: 'The method used to override the generated object: json, merge, or strategic.',
      },
      {
        name: 'overrides',
        type: 'string',
        usage:
          'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
      },
      {
        name: 'pod-running-timeout',
        type: 'duration',
        default: '1m0s',
        usage:
          'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      },
      {
        name: 'port',
        type: 'string',
        usage: 'The port that this container exposes.',
      },
      {
        name: 'privileged',
        type: 'bool',
        usage: 'If true, run the container in privileged mode.',
      },
      {
        name: 'quiet',
        short: 'q',
        type: 'bool',
        usage: 'If true, suppress prompt messages.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'restart',
        type: 'string',
        default: 'Always',
        usage: 'The restart policy for this Pod.  Legal values [Always, OnFailure, Never].',
      },
      {
        name: 'rm',
        type: 'bool',
        usage:
          "If true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.",
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'stdin',
        short: 'i',
        type: 'bool',
        usage: 'Keep stdin open on the container in the pod, even if nothing is attached.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'timeout',
        type: 'duration',
        usage:
          'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
      },
      {
        name: 'tty',
        short: 't',
        type: 'bool',
        usage: 'Allocate a TTY for the container in the pod.',
      },
      {
        name: 'wait',
        type: 'bool',
        usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
      },
    ],
    example:
      '  # Start a nginx pod\n  kubectl run nginx --image=nginx\n  \n  # Start a hazelcast pod and let the container expose port 5701\n  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701\n  \n  # Start a hazelcast pod and set environment variables "DNS_DOMAIN=cluster" and "POD_NAMESPACE=default" in the container\n  kubectl run hazelcast --image=hazelcast/hazelcast --env="DNS_DOMAIN=cluster" --env="POD_NAMESPACE=default"\n  \n  # Start a hazelcast pod and set labels "app=hazelcast" and "env=prod" in the container\n  kubectl run hazelcast --image=hazelcast/hazelcast --labels="app=hazelcast,env=prod"\n  \n  # Dry run; print the corresponding API objects without creating them\n  kubectl run nginx --image=nginx --dry-run=client\n  \n  # Start a nginx pod, but overload the spec with a partial set of values parsed from JSON\n  kubectl run nginx --image=nginx --overrides=\'{ "apiVersion": "v1", "spec": { ... } }\'\n  \n  # Start a busybox pod and keep it in the foreground, don\'t restart it if it exits\n  kubectl run -i -t busybox --image=busybox --restart=Never\n  \n  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command\n  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>\n  \n  # Start the nginx pod using a different command and custom arguments\n  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>',
    short: 'Run a particular image on the cluster',
  },
  expose: {
    long: 'Expose a resource as a new Kubernetes service.\n\n Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.\n\n Possible resources include (case insensitive):\n\n pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)',
    usage:
      'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'cluster-ip',
        type: 'string',
        usage:
          "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.",
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'external-ip',
        type: 'string',
        usage:
          'Additional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-expose',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to expose a service',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'labels',
        short: 'l',
        type: 'string',
        usage: 'Labels to apply to the service created by this call.',
      },
      {
        name: 'load-balancer-ip',
        type: 'string',
        usage:
          'IP to assign to the LoadBalancer. If empty, an ephemeral IP will be created and used (cloud-provider specific).',
      },
      {
        name: 'name',
        type: 'string',
        usage: 'The name for the newly created object.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'override-type',
        type: 'string',
        default: 'merge',
        usage: 'The method used to override the generated object: json, merge, or strategic.',
      },
      {
        name: 'overrides',
        type: 'string',
        usage:
          'An inline JSON override for the generated object. If this is non-empty, it is used to override the generated object. Requires that the object supply a valid apiVersion field.',
      },
      {
        name: 'port',
        type: 'string',
        usage:
          'The port that the service should serve on. Copied from the resource being exposed, if unspecified',
      },
      {
        name: 'protocol',
        type: 'string',
        usage: "The network protocol for the service to be created. Default is 'TCP'.",
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'selector',
        type: 'string',
        usage:
          'A label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)',
      },
      {
        name: 'session-affinity',
        type: 'string',
        usage:
          "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'target-port',
        type: 'string',
        usage:
          'Name or number for the port on the container that the service should direct traffic to. Optional.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'type',
        type: 'string',
        usage:
          "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.",
      },
    ],
    example:
      '  # Create a service for a replicated nginx, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose rc nginx --port=80 --target-port=8000\n  \n  # Create a service for a replication controller identified by type and name specified in "nginx-controller.yaml", which serves on port 80 and connects to the containers on port 8000\n  kubectl expose -f nginx-controller.yaml --port=80 --target-port=8000\n  \n  # Create a service for a pod valid-pod, which serves on port 444 with the name "frontend"\n  kubectl expose pod valid-pod --port=444 --name=frontend\n  \n  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name "nginx-https"\n  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https\n  \n  # Create a service for a replicated streaming application on port 4100 balancing UDP traffic and named \'video-stream\'.\n  kubectl expose rc streamer --port=4100 --protocol=UDP --name=video-stream\n  \n  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose rs nginx --port=80 --target-port=8000\n  \n  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000\n  kubectl expose deployment nginx --port=80 --target-port=8000',
    short:
      'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service',
  },
  delete: {
    long: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.\n\n JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.\n\n Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.\n\n IMPORTANT: Force deleting pods does not wait for confirmation that the pod\'s processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.\n\n Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.\n\n After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don\'t want to wait, you might want to run "kubectl api-resources" to refresh the discovery cache.',
    usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)])',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Delete all resources, in the namespace of the specified resource types.',
      },
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage:
          'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      },
      {
        name: 'cascade',
        type: 'string',
        default: 'background',
        noOptDefault: 'background',
        usage:
          'Must be "background", "orphan", or "foreground". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-selector',
        type: 'string',
        usage:
          "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'containing the resource to delete.',
      },
      {
        name: 'force',
        type: 'bool',
        usage:
          'If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.',
      },
      {
        name: 'grace-period',
        type: 'int',
        default: -1,
        usage:
          'Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).',
      },
      {
        name: 'ignore-not-found',
        type: 'bool',
        usage:
          'Treat "resource not found" as a successful delete. Defaults to "true" when --all is specified.',
      },
      {
        name: 'interactive',
        short: 'i',
        type: 'bool',
        usage: 'If true, delete resource only when user confirms.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process a kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'now',
        type: 'bool',
        usage: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage: 'Output mode. Use "-o name" for shorter output (resource/name).',
      },
      {
        name: 'raw',
        type: 'string',
        usage: 'Raw URI to DELETE to the server.  Uses the transport specified by the kubeconfig file.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'timeout',
        type: 'duration',
        usage:
          'The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object',
      },
      {
        name: 'wait',
        type: 'bool',
        default: true,
        usage: 'If true, wait for resources to be gone before returning. This waits for finalizers.',
      },
    ],
    example:
      '  # Delete a pod using the type and name specified in pod.json\n  kubectl delete -f ./pod.json\n  \n  # Delete resources from a directory containing kustomization.yaml - e.g. dir/kustomization.yaml\n  kubectl delete -k dir\n  \n  # Delete resources from all files that end with \'.json\'\n  kubectl delete -f \'*.json\'\n  \n  # Delete a pod based on the type and name in the JSON passed into stdin\n  cat pod.json | kubectl delete -f -\n  \n  # Delete pods and services with same names "baz" and "foo"\n  kubectl delete pod,service baz foo\n  \n  # Delete pods and services with label name=myLabel\n  kubectl delete pods,services -l name=myLabel\n  \n  # Delete a pod with minimal delay\n  kubectl delete pod foo --now\n  \n  # Force delete a pod on a dead node\n  kubectl delete pod foo --force\n  \n  # Delete all pods\n  kubectl delete pods --all\n  \n  # Delete all pods only if the user confirms the deletion\n  kubectl delete pods --all --interactive',
    short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector',
  },
  edit: {
    long: "Edit a resource from the default editor.\n\n The edit command allows you to directly edit any API resource you can retrieve via the command-line tools. It will open the editor defined by your KUBE_EDITOR, or EDITOR environment variables, or fall back to 'vi' for Linux or 'notepad' for Windows. When attempting to open the editor, it will first attempt to use the shell that has been defined in the 'SHELL' environment variable. If this is not defined, the default shell will be used, which is '/bin/bash' for Linux or 'cmd' for Windows.\n\n You can edit multiple objects, although changes are applied one at a time. The command accepts file names as well as command-line arguments, although the files you point to must be previously saved versions of resources.\n\n Editing is done with the API version used to fetch the resource. To edit using a specific API version, fully-qualify the resource, version, and group.\n\n The default format is YAML. To edit in JSON, specify \"-o json\".\n\n The flag --windows-line-endings can be used to force Windows line endings, otherwise the default for your operating system will be used.\n\n In the event an error occurs while updating, a temporary file will be created on disk that contains your unapplied changes. The most common error when updating a resource is another editor changing the resource on the server. When this occurs, you will have to apply your changes to the newer version of the resource, or update your temporary saved copy to include the latest resource version.",
    usage: 'edit (RESOURCE/NAME | -f FILENAME)',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-edit',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files to use to edit the resource',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'output-patch',
        type: 'bool',
        usage: 'Output the patch if the resource is edited.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'subresource',
        type: 'string',
        usage: 'If specified, edit will operate on the subresource of the requested object.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
      {
        name: 'windows-line-endings',
        type: 'bool',
        usage: 'Defaults to the line ending native to your platform.',
      },
    ],
    example:
      "  # Edit the service named 'registry'\n  kubectl edit svc/registry\n  \n  # Use an alternative editor\n  KUBE_EDITOR=\"nano\" kubectl edit svc/registry\n  \n  # Edit the job 'myjob' in JSON using the v1 API format\n  kubectl edit job.v1.batch/myjob -o json\n  \n  # Edit the deployment 'mydeployment' in YAML and save the modified config in its annotation\n  kubectl edit deployment/mydeployment -o yaml --save-config\n  \n  # Edit the 'status' subresource for the 'mydeployment' deployment\n  kubectl edit deployment mydeployment --subresource='status'",
    short: 'Edit a resource on the server',
  },
  scale: {
    long: 'Set a new size for a deployment, replica set, replication controller, or stateful set.\n\n Scale also allows users to specify one or more preconditions for the scale action.\n\n If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.',
    usage:
      'scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME)',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'current-replicas',
        type: 'int',
        default: -1,
        usage:
          'Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to set a new size',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'replicas',
        type: 'int',
        usage: 'The new desired number of replicas. Required.',
      },
      {
        name: 'resource-version',
        type: 'string',
        usage:
          'Precondition for resource version. Requires that the current resource version match this value in order to scale.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'timeout',
        type: 'duration',
        usage:
          "The length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).",
      },
    ],
    example:
      "  # Scale a replica set named 'foo' to 3\n  kubectl scale --replicas=3 rs/foo\n  \n  # Scale a resource identified by type and name specified in \"foo.yaml\" to 3\n  kubectl scale --replicas=3 -f foo.yaml\n  \n  # If the deployment named mysql's current size is 2, scale mysql to 3\n  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql\n  \n  # Scale multiple replication controllers\n  kubectl scale --replicas=5 rc/example1 rc/example2 rc/example3\n  \n  # Scale stateful set named 'web' to 3\n  kubectl scale --replicas=3 statefulset/web",
    short: 'Set a new size for a deployment, replica set, or replication controller',
  },
  autoscale: {
    long: 'Creates an autoscaler that automatically chooses and sets the number of pods that run in a Kubernetes cluster. The command will attempt to use the autoscaling/v2 API first, in case of an error, it will fall back to autoscaling/v1 API.\n\n Looks up a deployment, replica set, stateful set, or replication controller by name and creates an autoscaler that uses the given resource as a reference. An autoscaler can automatically increase or decrease number of pods deployed within the system as needed.',
    usage:
      'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu-percent=CPU]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'cpu-percent',
        type: 'int',
        default: -1,
        usage:
          "The target average CPU utilization (represented as a percent of requested CPU) over all the pods. If it's not specified or negative, a default autoscaling policy will be used.",
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-autoscale',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to autoscale.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'max',
        type: 'int',
        default: -1,
        usage: 'The upper limit for the number of pods that can be set by the autoscaler. Required.',
      },
      {
        name: 'min',
        type: 'int',
        default: -1,
        usage:
          "The lower limit for the number of pods that can be set by the autoscaler. If it's not specified or negative, the server will apply a default value.",
      },
      {
        name: 'name',
        type: 'string',
        usage:
          'The name for the newly created object. If not specified, the name of the input resource will be used.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'save-config',
        type: 'bool',
        usage:
          'If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Auto scale a deployment "foo", with the number of pods between 2 and 10, no target CPU utilization specified so a default autoscaling policy will be used\n  kubectl autoscale deployment foo --min=2 --max=10\n  \n  # Auto scale a replication controller "foo", with the number of pods between 1 and 5, target CPU utilization at 80%\n  kubectl autoscale rc foo --max=5 --cpu-percent=80',
    short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  },
  rollout: {
    long: 'Manage the rollout of one or many resources.\n        \n Valid resource types include:\n\n  *  deployments\n  *  daemonsets\n  *  statefulsets',
    usage: 'rollout SUBCOMMAND',
    flags: [],
    example:
      "  # Rollback to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Check the rollout status of a daemonset\n  kubectl rollout status daemonset/foo\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/abc\n  \n  # Restart deployments with the 'app=nginx' label\n  kubectl rollout restart deployment --selector=app=nginx",
    short: 'Manage the rollout of a resource',
  },
  'rollout history': {
    long: 'View previous rollout revisions and configurations.',
    usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'revision',
        type: 'int',
        usage: 'See the details, including podTemplate of the revision specified',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # View the rollout history of a deployment\n  kubectl rollout history deployment/abc\n  \n  # View the details of daemonset revision 3\n  kubectl rollout history daemonset/abc --revision=3',
    short: 'View rollout history',
  },
  'rollout pause': {
    long: 'Mark the provided resource as paused.\n\n Paused resources will not be reconciled by a controller. Use "kubectl rollout resume" to resume a paused resource. Currently only deployments support being paused.',
    usage: 'rollout pause RESOURCE',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-rollout',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Mark the nginx deployment as paused\n  # Any current state of the deployment will continue its function; new updates\n  # to the deployment will not have an effect as long as the deployment is paused\n  kubectl rollout pause deployment/nginx',
    short: 'Mark the provided resource as paused',
  },
  'rollout restart': {
    long: 'Restart a resource.\n\n        Resource rollout will be restarted.',
    usage: 'rollout restart RESOURCE',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-rollout',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Restart all deployments in the test-namespace namespace\n  kubectl rollout restart deployment -n test-namespace\n  \n  # Restart a deployment\n  kubectl rollout restart deployment/nginx\n  \n  # Restart a daemon set\n  kubectl rollout restart daemonset/abc\n  \n  # Restart deployments with the app=nginx label\n  kubectl rollout restart deployment --selector=app=nginx',
    short: 'Restart a resource',
  },
  'rollout resume': {
    long: 'Resume a paused resource.\n\n Paused resources will not be reconciled by a controller. By resuming a resource, we allow it to be reconciled again. Currently only deployments support being resumed.',
    usage: 'rollout resume RESOURCE',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-rollout',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example: '  # Resume an already paused deployment\n  kubectl rollout resume deployment/nginx',
    short: 'Resume a paused resource',
  },
  'rollout status': {
    long: "Show the status of the rollout.\n\n By default 'rollout status' will watch the status of the latest rollout until it's done. If you don't want to wait for the rollout to finish then you can use --watch=false. Note that if a new rollout starts in-between, then 'rollout status' will continue watching the latest revision. If you want to pin to a specific revision and abort if it is rolled over by another revision, use --revision=N where N is the revision you need to watch for.",
    usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags]',
    flags: [
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'revision',
        type: 'int',
        usage: 'Pin to a specific revision for showing its status. Defaults to 0 (last revision).',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'timeout',
        type: 'duration',
        usage:
          'The length of time to wait before ending watch, zero means never. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).',
      },
      {
        name: 'watch',
        short: 'w',
        type: 'bool',
        default: true,
        usage: "Watch the status of the rollout until it's done.",
      },
    ],
    example: '  # Watch the rollout status of a deployment\n  kubectl rollout status deployment/nginx',
    short: 'Show the status of the rollout',
  },
  'rollout undo': {
    long: 'Roll back to a previous rollout.',
    usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'to-revision',
        type: 'int',
        usage: 'The revision to rollback to. Default to 0 (last revision).',
      },
    ],
    example:
      '  # Roll back to the previous deployment\n  kubectl rollout undo deployment/abc\n  \n  # Roll back to daemonset revision 3\n  kubectl rollout undo daemonset/abc --to-revision=3\n  \n  # Roll back to the previous deployment with dry-run\n  kubectl rollout undo --dry-run=server deployment/abc',
    short: 'Undo a previous rollout',
  },
  set: {
    long: 'Configure application resources.\n\n These commands help you make changes to existing application resources.',
    usage: 'set SUBCOMMAND',
    flags: [],
    short: 'Set specific features on objects',
  },
  'set env': {
    long: 'Update environment variables on a pod template.\n\n List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.\n\n If "--env -" is passed, environment variables can be read from STDIN using the standard env syntax.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'If true, select all resources in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'containers',
        short: 'c',
        type: 'string',
        default: '*',
        usage: 'The names of containers in the selected pod templates to change - may use wildcards',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'env',
        short: 'e',
        type: 'stringArray',
        usage: 'Specify a key-value pair for an environment variable to set into each container.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files the resource to update the env',
      },
      {
        name: 'from',
        type: 'string',
        usage: 'The name of a resource from which to inject environment variables',
      },
      {
        name: 'keys',
        type: 'stringSlice',
        usage: 'Comma-separated list of keys to import from specified resource',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'list',
        type: 'bool',
        usage:
          'If true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.',
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, set env will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'overwrite',
        type: 'bool',
        default: true,
        usage:
          'If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.',
      },
      {
        name: 'prefix',
        type: 'string',
        usage: 'Prefix to append to variable names',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'resolve',
        type: 'bool',
        usage: 'If true, show secret or configmap references when listing variables',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      "  # Update deployment 'registry' with a new environment variable\n  kubectl set env deployment/registry STORAGE_DIR=/local\n  \n  # List the environment variables defined on a deployments 'sample-build'\n  kubectl set env deployment/sample-build --list\n  \n  # List the environment variables defined on all pods\n  kubectl set env pods --all --list\n  \n  # Output modified deployment in YAML, and does not alter the object on the server\n  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml\n  \n  # Update all containers in all replication controllers in the project to have ENV=prod\n  kubectl set env rc --all ENV=prod\n  \n  # Import environment from a secret\n  kubectl set env --from=secret/mysecret deployment/myapp\n  \n  # Import environment from a config map with a prefix\n  kubectl set env --from=configmap/myconfigmap --prefix=MYSQL_ deployment/myapp\n  \n  # Import specific keys from a config map\n  kubectl set env --keys=my-example-key --from=configmap/myconfigmap deployment/myapp\n  \n  # Remove the environment variable ENV from container 'c1' in all deployment configs\n  kubectl set env deployments --all --containers=\"c1\" ENV-\n  \n  # Remove the environment variable ENV from a deployment definition on disk and\n  # update the deployment config on the server\n  kubectl set env -f deploy.json ENV-\n  \n  # Set some of the local shell environment into a deployment config on the server\n  env | grep RAILS_ | kubectl set env -e - deployment/registry",
    short: 'Update environment variables on a pod template',
  },
  'set image': {
    long: 'Update existing container image(s) of resources.\n\n Possible resources include (case insensitive):\n\n        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)',
    usage:
      'set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, set image will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      "  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'\n  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1\n  \n  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'\n  kubectl set image deployments,rc nginx=nginx:1.9.1 --all\n  \n  # Update image of all containers of daemonset abc to 'nginx:1.9.1'\n  kubectl set image daemonset abc *=nginx:1.9.1\n  \n  # Print result (in yaml format) of updating nginx container image from local file, without hitting the server\n  kubectl set image -f path/to/file.yaml nginx=nginx:1.9.1 --local -o yaml",
    short: 'Update the image of a pod template',
  },
  'set resources': {
    long: 'Specify compute resource requirements (CPU, memory) for any resource that defines a pod template.  If a pod is successfully scheduled, it is guaranteed the amount of resource requested, but may burst up to its specified limits.\n\n For each compute resource, if a limit is specified and a request is omitted, the request will default to the limit.\n\n Possible resources include (case insensitive): Use "kubectl api-resources" for a complete list of supported resources..',
    usage: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS]',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'containers',
        short: 'c',
        type: 'string',
        default: '*',
        usage:
          'The names of containers in the selected pod templates to change, all containers are selected by default - may use wildcards',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'limits',
        type: 'string',
        usage:
          "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, set resources will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'requests',
        type: 'string',
        usage:
          "The resource requirement requests for this container.  For example, 'cpu=100m,memory=256Mi'.  Note that server side components may assign requests depending on the server configuration, such as limit ranges.",
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Set a deployments nginx container cpu limits to "200m" and memory to "512Mi"\n  kubectl set resources deployment nginx -c=nginx --limits=cpu=200m,memory=512Mi\n  \n  # Set the resource request and limits for all containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=200m,memory=512Mi --requests=cpu=100m,memory=256Mi\n  \n  # Remove the resource requests for resources on containers in nginx\n  kubectl set resources deployment nginx --limits=cpu=0,memory=0 --requests=cpu=0,memory=0\n  \n  # Print the result (in yaml format) of updating nginx container limits from a local, without hitting the server\n  kubectl set resources -f path/to/file.yaml --limits=cpu=200m,memory=512Mi --local -o yaml',
    short: 'Update resource requests/limits on objects with pod templates',
  },
  'set selector': {
    long: "Set the selector on a resource. Note that the new selector will overwrite the old selector if the resource had one prior to the invocation of 'set selector'.\n\n A selector must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters. If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used. Note: currently selectors can only be set on Service objects.",
    usage: 'set selector (-f FILENAME | TYPE NAME) EXPRESSIONS [--resource-version=version]',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'identifying the resource.',
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, annotation will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        default: true,
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'resource-version',
        type: 'string',
        usage:
          'If non-empty, the selectors update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Set the labels and selector before creating a deployment/service pair\n  kubectl create service clusterip my-svc --clusterip="None" -o yaml --dry-run=client | kubectl set selector --local -f - \'environment=qa\' -o yaml | kubectl create -f -\n  kubectl create deployment my-dep -o yaml --dry-run=client | kubectl label --local -f - environment=qa -o yaml | kubectl create -f -',
    short: 'Set the selector on a resource',
  },
  'set serviceaccount': {
    long: 'Update the service account of pod template resources.\n\n Possible resources (case insensitive) can be:\n\n replicationcontroller (rc), deployment (deploy), daemonset (ds), job, replicaset (rs), statefulset',
    usage: 'set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to get from a server.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, set serviceaccount will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      "  # Set deployment nginx-deployment's service account to serviceaccount1\n  kubectl set serviceaccount deployment nginx-deployment serviceaccount1\n  \n  # Print the result (in YAML format) of updated nginx deployment with the service account from local file, without hitting the API server\n  kubectl set sa -f nginx-deployment.yaml serviceaccount1 --local --dry-run=client -o yaml",
    aliases: ['sa'],
    short: 'Update the service account of a resource',
  },
  'set subject': {
    long: 'Update the user, group, or service account in a role binding or cluster role binding.',
    usage:
      'set subject (-f FILENAME | TYPE NAME) [--user=username] [--group=groupname] [--serviceaccount=namespace:serviceaccountname] [--dry-run=server|client|none]',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-set',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files the resource to update the subjects',
      },
      {
        name: 'group',
        type: 'stringSlice',
        usage: 'Groups to bind to the role',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, set subject will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'serviceaccount',
        type: 'stringSlice',
        usage: 'Service accounts to bind to the role',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'user',
        type: 'stringSlice',
        usage: 'Usernames to bind to the role',
      },
    ],
    example:
      '  # Update a cluster role binding for serviceaccount1\n  kubectl set subject clusterrolebinding admin --serviceaccount=namespace:serviceaccount1\n  \n  # Update a role binding for user1, user2, and group1\n  kubectl set subject rolebinding admin --user=user1 --user=user2 --group=group1\n  \n  # Print the result (in YAML format) of updating rolebinding subjects from a local, without hitting the server\n  kubectl create rolebinding admin --role=admin --user=admin -o yaml --dry-run=client | kubectl set subject --local -f - --user=foo -o yaml',
    short: 'Update the user, group, or service account in a role binding or cluster role binding',
  },
  label: {
    long: "Update the labels on a resource.\n\n  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.\n  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.",
    usage:
      'label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types',
      },
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage: 'If true, check the specified action in all namespaces.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-label',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'field-selector',
        type: 'string',
        usage:
          "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to update the labels',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'list',
        type: 'bool',
        usage: 'If true, display the labels for a given resource.',
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, label will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'overwrite',
        type: 'bool',
        usage:
          'If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'resource-version',
        type: 'string',
        usage:
          'If non-empty, the labels update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      "  # Update pod 'foo' with the label 'unhealthy' and the value 'true'\n  kubectl label pods foo unhealthy=true\n  \n  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value\n  kubectl label --overwrite pods foo status=unhealthy\n  \n  # Update all pods in the namespace\n  kubectl label pods --all status=unhealthy\n  \n  # Update a pod identified by the type and name in \"pod.json\"\n  kubectl label -f pod.json status=unhealthy\n  \n  # Update pod 'foo' only if the resource is unchanged from version 1\n  kubectl label pods foo status=unhealthy --resource-version=1\n  \n  # Update pod 'foo' by removing a label named 'bar' if it exists\n  # Does not require the --overwrite flag\n  kubectl label pods foo bar-",
    short: 'Update the labels on a resource',
  },
  annotate: {
    long: 'Update the annotations on one or more resources.\n\n All Kubernetes objects support the ability to store additional data with the object as annotations. Annotations are key/value pairs that can be larger than labels and include arbitrary string values such as structured JSON. Tools and system extensions may use annotations to store their own data.\n\n Attempting to set an annotation that already exists will fail unless --overwrite is set. If --resource-version is specified and does not match the current resource version on the server the command will fail.\n\nUse "kubectl api-resources" for a complete list of supported resources.',
    usage:
      'annotate [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version]',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources, in the namespace of the specified resource types.',
      },
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage: 'If true, check the specified action in all namespaces.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-annotate',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'field-selector',
        type: 'string',
        usage:
          "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to update the annotation',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'list',
        type: 'bool',
        usage: 'If true, display the annotations for a given resource.',
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, annotation will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'overwrite',
        type: 'bool',
        usage:
          'If true, allow annotations to be overwritten, otherwise reject annotation updates that overwrite existing annotations.',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'resource-version',
        type: 'string',
        usage:
          'If non-empty, the annotation update will only succeed if this is the current resource-version for the object. Only valid when specifying a single resource.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      "  # Update pod 'foo' with the annotation 'description' and the value 'my frontend'\n  # If the same annotation is set multiple times, only the last value will be applied\n  kubectl annotate pods foo description='my frontend'\n  \n  # Update a pod identified by type and name in \"pod.json\"\n  kubectl annotate -f pod.json description='my frontend'\n  \n  # Update pod 'foo' with the annotation 'description' and the value 'my frontend running nginx', overwriting any existing value\n  kubectl annotate --overwrite pods foo description='my frontend running nginx'\n  \n  # Update all pods in the namespace\n  kubectl annotate pods --all description='my frontend running nginx'\n  \n  # Update pod 'foo' only if the resource is unchanged from version 1\n  kubectl annotate pods foo description='my frontend running nginx' --resource-version=1\n  \n  # Update pod 'foo' by removing an annotation named 'description' if it exists\n  # Does not require the --overwrite flag\n  kubectl annotate pods foo description-",
    short: 'Update the annotations on a resource',
  },
  taint: {
    long: "Update the taints on one or more nodes.\n\n  *  A taint consists of a key, value, and effect. As an argument here, it is expressed as key=value:effect.\n  *  The key must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 253 characters.\n  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.\n  *  The value is optional. If given, it must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters.\n  *  The effect must be NoSchedule, PreferNoSchedule or NoExecute.\n  *  Currently taint can only apply to node.",
    usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N',
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all nodes in the cluster',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'field-manager',
        type: 'string',
        default: 'kubectl-taint',
        usage: 'Name of the manager used to track field ownership.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'overwrite',
        type: 'bool',
        usage:
          'If true, allow taints to be overwritten, otherwise reject taint updates that overwrite existing taints.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'validate',
        type: 'string',
        default: 'strict',
        usage:
          'Must be one of: strict (or true), warn, ignore (or false). "true" or "strict" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. "warn" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as "ignore" otherwise. "false" or "ignore" will not perform any schema validation, silently dropping any unknown or duplicate fields.',
      },
    ],
    example:
      "  # Update node 'foo' with a taint with key 'dedicated' and value 'special-user' and effect 'NoSchedule'\n  # If a taint with that key and effect already exists, its value is replaced as specified\n  kubectl taint nodes foo dedicated=special-user:NoSchedule\n  \n  # Remove from node 'foo' the taint with key 'dedicated' and effect 'NoSchedule' if one exists\n  kubectl taint nodes foo dedicated:NoSchedule-\n  \n  # Remove from node 'foo' all the taints with key 'dedicated'\n  kubectl taint nodes foo dedicated-\n  \n  # Add a taint with key 'dedicated' on nodes having label myLabel=X\n  kubectl taint node -l myLabel=X  dedicated=foo:PreferNoSchedule\n  \n  # Add to node 'foo' a taint with key 'bar' and no value\n  kubectl taint nodes foo bar:NoSchedule",
    short: 'Update the taints on one or more nodes',
  },
  cordon: {
    long: 'Mark node as unschedulable.',
    usage: 'cordon NODE',
    flags: [
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
    ],
    example: '  # Mark node "foo" as unschedulable\n  kubectl cordon foo',
    short: 'Mark node as unschedulable',
  },
  uncordon: {
    long: 'Mark node as schedulable.',
    usage: 'uncordon NODE',
    flags: [
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
    ],
    example: '  # Mark node "foo" as schedulable\n  kubectl uncordon foo',
    short: 'Mark node as schedulable',
  },
  drain: {
    long: "Drain node in preparation for maintenance.\n\n The given node will be marked unschedulable to prevent new pods from arriving. 'drain' evicts the pods if the API server supports https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ eviction https://kubernetes.io/docs/concepts/workloads/pods/disruptions/ . Otherwise, it will use normal DELETE to delete the pods. The 'drain' evicts or deletes all pods except mirror pods (which cannot be deleted through the API server).  If there are daemon set-managed pods, drain will not proceed without --ignore-daemonsets, and regardless it will not delete any daemon set-managed pods, because those pods would be immediately replaced by the daemon set controller, which ignores unschedulable markings.  If there are any pods that are neither mirror pods nor managed by a replication controller, replica set, daemon set, stateful set, or job, then drain will not delete any pods unless you use --force.  --force will also allow deletion to proceed if the managing resource of one or more pods is missing.\n\n 'drain' waits for graceful termination. You should not operate on the machine until the command completes.\n\n When you are ready to put the node back into service, use kubectl uncordon, which will make the node schedulable again.\n\nhttps://kubernetes.io/images/docs/kubectl_drain.svg Workflowhttps://kubernetes.io/images/docs/kubectl_drain.svg",
    usage: 'drain NODE',
    flags: [
      {
        name: 'chunk-size',
        type: 'int',
        default: 500,
        usage:
          'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
      },
      {
        name: 'delete-emptydir-data',
        type: 'bool',
        usage:
          'Continue even if there are pods using emptyDir (local data that will be deleted when the node is drained).',
      },
      {
        name: 'disable-eviction',
        type: 'bool',
        usage:
          'Force drain to use delete, even if eviction is supported. This will bypass checking PodDisruptionBudgets, use with caution.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'force',
        type: 'bool',
        usage: 'Continue even if there are pods that do not declare a controller.',
      },
      {
        name: 'grace-period',
        type: 'int',
        default: -1,
        usage:
          'Period of time in seconds given to each pod to terminate gracefully. If negative, the default value specified in the pod will be used.',
      },
      {
        name: 'ignore-daemonsets',
        type: 'bool',
        usage: 'Ignore DaemonSet-managed pods.',
      },
      {
        name: 'pod-selector',
        type: 'string',
        usage: 'Label selector to filter pods on the node',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'skip-wait-for-delete-timeout',
        type: 'int',
        usage:
          'If pod DeletionTimestamp older than N seconds, skip waiting for the pod.  Seconds must be greater than 0 to skip.',
      },
      {
        name: 'timeout',
        type: 'duration',
        usage: 'The length of time to wait before giving up, zero means infinite',
      },
    ],
    example:
      '  # Drain node "foo", even if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set on it\n  kubectl drain foo --force\n  \n  # As above, but abort if there are pods not managed by a replication controller, replica set, job, daemon set, or stateful set, and use a grace period of 15 minutes\n  kubectl drain foo --grace-period=900',
    short: 'Drain node in preparation for maintenance',
  },
  logs: {
    long: 'Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.',
    usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]',
    flags: [
      {
        name: 'all-containers',
        type: 'bool',
        usage: "Get all containers' logs in the pod(s).",
      },
      {
        name: 'all-pods',
        type: 'bool',
        usage: 'Get logs from all pod(s). Sets prefix to true.',
      },
      {
        name: 'container',
        short: 'c',
        type: 'string',
        usage: 'Print the logs of this container',
      },
      {
        name: 'follow',
        short: 'f',
        type: 'bool',
        usage: 'Specify if the logs should be streamed.',
      },
      {
        name: 'ignore-errors',
        type: 'bool',
        usage: 'If watching / following pod logs, allow for any errors that occur to be non-fatal',
      },
      {
        name: 'insecure-skip-tls-verify-backend',
        type: 'bool',
        usage:
          'Skip verifying the identity of the kubelet that logs are requested from.  In theory, an attacker could provide invalid log content back. You might want to use this if your kubelet serving certificates have expired.',
      },
      {
        name: 'limit-bytes',
        type: 'int',
        usage: 'Maximum bytes of logs to return. Defaults to no limit.',
      },
      {
        name: 'max-log-requests',
        type: 'int',
        default: 5,
        usage: 'Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.',
      },
      {
        name: 'pod-running-timeout',
        type: 'duration',
        default: '20s',
        usage:
          'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      },
      {
        name: 'prefix',
        type: 'bool',
        usage: 'Prefix each log line with the log source (pod name and container name)',
      },
      {
        name: 'previous',
        short: 'p',
        type: 'bool',
        usage: 'If true, print the logs for the previous instance of the container in a pod if it exists.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'since',
        type: 'duration',
        usage:
          'Only return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.',
      },
      {
        name: 'since-time',
        type: 'string',
        usage:
          'Only return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.',
      },
      {
        name: 'tail',
        type: 'int',
        default: -1,
        usage:
          'Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.',
      },
      {
        name: 'timestamps',
        type: 'bool',
        usage: 'Include timestamps on each line in the log output',
      },
    ],
    example:
      '  # Return snapshot logs from pod nginx with only one container\n  kubectl logs nginx\n  \n  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name\n  kubectl logs nginx --prefix\n  \n  # Return snapshot logs from pod nginx, limiting output to 500 bytes\n  kubectl logs nginx --limit-bytes=500\n  \n  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.\n  kubectl logs nginx --pod-running-timeout=20s\n  \n  # Return snapshot logs from pod nginx with multi containers\n  kubectl logs nginx --all-containers=true\n  \n  # Return snapshot logs from all pods in the deployment nginx\n  kubectl logs deployment/nginx --all-pods=true\n  \n  # Return snapshot logs from all containers in pods defined by label app=nginx\n  kubectl logs -l app=nginx --all-containers=true\n  \n  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods\n  kubectl logs -l app=nginx --max-log-requests=10\n  \n  # Return snapshot of previous terminated ruby container logs from pod web-1\n  kubectl logs -p -c ruby web-1\n  \n  # Begin streaming the logs from pod nginx, continuing even if errors occur\n  kubectl logs nginx -f --ignore-errors=true\n  \n  # Begin streaming the logs of the ruby container in pod web-1\n  kubectl logs -f -c ruby web-1\n  \n  # Begin streaming the logs from all containers in pods defined by label app=nginx\n  kubectl logs -f -l app=nginx --all-containers=true\n  \n  # Display only the most recent 20 lines of output in pod nginx\n  kubectl logs --tail=20 nginx\n  \n  # Show all logs from pod nginx written in the last hour\n  kubectl logs --since=1h nginx\n  \n  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC\n  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true\n  \n  # Show logs from a kubelet with an expired serving certificate\n  kubectl logs --insecure-skip-tls-verify-backend nginx\n  \n  # Return snapshot logs from first container of a job named hello\n  kubectl logs job/hello\n  \n  # Return snapshot logs from container nginx-1 of a deployment named nginx\n  kubectl logs deployment/nginx -c nginx-1',
    short: 'Print the logs for a container in a pod',
  },
  exec: {
    long: 'Execute a command in a container.',
    usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...]',
    flags: [
      {
        name: 'container',
        short: 'c',
        type: 'string',
        usage:
          'Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'to use to exec into the resource',
      },
      {
        name: 'pod-running-timeout',
        type: 'duration',
        default: '1m0s',
        usage:
          'The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running',
      },
      {
        name: 'quiet',
        short: 'q',
        type: 'bool',
        usage: 'Only print output from the remote session',
      },
      {
        name: 'stdin',
        short: 'i',
        type: 'bool',
        usage: 'Pass stdin to the container',
      },
      {
        name: 'tty',
        short: 't',
        type: 'bool',
        usage: 'Stdin is a TTY',
      },
    ],
    example:
      "  # Get output from running the 'date' command from pod mypod, using the first container by default\n  kubectl exec mypod -- date\n  \n  # Get output from running the 'date' command in ruby-container from pod mypod\n  kubectl exec mypod -c ruby-container -- date\n  \n  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod\n  # and sends stdout/stderr from 'bash' back to the client\n  kubectl exec mypod -c ruby-container -i -t -- bash -il\n  \n  # List contents of /usr from the first container of pod mypod and sort by modification time\n  # If the command you want to execute in the pod has any flags in common (e.g. -i),\n  # you must use two dashes (--) to separate your command's flags/arguments\n  # Also note, do not surround your command and its flags/arguments with quotes\n  # unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")\n  kubectl exec mypod -i -t -- ls -t /usr\n  \n  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default\n  kubectl exec deploy/mydeployment -- date\n  \n  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default\n  kubectl exec svc/myservice -- date",
    short: 'Execute a command in a container',
  },
  top: {
    long: 'Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.',
    usage: 'top [flags]',
    flags: [],
    short: 'Display resource (CPU/memory) usage',
  },
  'top node': {
    long: 'Display resource (CPU/memory) usage of nodes.\n\n The top-node command allows you to see the resource consumption of nodes.',
    usage: 'top node [NAME | -l label]',
    flags: [
      {
        name: 'no-headers',
        type: 'bool',
        usage: 'If present, print output without headers',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'show-capacity',
        type: 'bool',
        usage: 'Print node resources based on Capacity instead of Allocatable(default) of the nodes.',
      },
      {
        name: 'sort-by',
        type: 'string',
        usage:
          "If non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.",
      },
      {
        name: 'use-protocol-buffers',
        type: 'bool',
        default: true,
        usage: 'Enables using protocol-buffers to access Metrics API.',
      },
    ],
    example:
      '  # Show metrics for all nodes\n  kubectl top node\n  \n  # Show metrics for a given node\n  kubectl top node NODE_NAME',
    aliases: ['nodes', 'no'],
    short: 'Display resource (CPU/memory) usage of nodes',
  },
  'top pod': {
    long: "Display resource (CPU/memory) usage of pods.\n\n The 'top pod' command allows you to see the resource consumption of pods.\n\n Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.",
    usage: 'top pod [NAME | -l label]',
    flags: [
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage:
          'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      },
      {
        name: 'containers',
        type: 'bool',
        usage: 'If present, print usage of containers within a pod.',
      },
      {
        name: 'field-selector',
        type: 'string',
        usage:
          "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      },
      {
        name: 'no-headers',
        type: 'bool',
        usage: 'If present, print output without headers.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints.",
      },
      {
        name: 'sort-by',
        type: 'string',
        usage:
          "If non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.",
      },
      {
        name: 'sum',
        type: 'bool',
        usage: 'Print the sum of the resource usage',
      },
      {
        name: 'use-protocol-buffers',
        type: 'bool',
        default: true,
        usage: 'Enables using protocol-buffers to access Metrics API.',
      },
    ],
    example:
      '  # Show metrics for all pods in the default namespace\n  kubectl top pod\n  \n  # Show metrics for all pods in the given namespace\n  kubectl top pod --namespace=NAMESPACE\n  \n  # Show metrics for a given pod and its containers\n  kubectl top pod POD_NAME --containers\n  \n  # Show metrics for the pods defined by label name=myLabel\n  kubectl top pod -l name=myLabel',
    aliases: ['pods', 'po'],
    short: 'Display resource (CPU/memory) usage of pods',
  },
  wait: {
    long: 'Experimental: Wait for a specific condition on one or many resources.\n\n The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.\n\n Alternatively, the command can wait for the given set of resources to be created or deleted by providing the "create" or "delete" keyword as the value to the --for flag.\n\n A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.',
    usage:
      "wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]]",
    flags: [
      {
        name: 'all',
        type: 'bool',
        usage: 'Select all resources in the namespace of the specified resource types',
      },
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage:
          'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'field-selector',
        type: 'string',
        usage:
          "Selector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.",
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'identifying the resource.',
      },
      {
        name: 'for',
        type: 'string',
        usage:
          "The condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.",
      },
      {
        name: 'local',
        type: 'bool',
        usage: 'If true, annotation will NOT contact api-server but run locally.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        default: true,
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'selector',
        short: 'l',
        type: 'string',
        usage:
          "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)",
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'timeout',
        type: 'duration',
        default: '30s',
        usage:
          "The length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.",
      },
    ],
    example:
      '  # Wait for the pod "busybox1" to contain the status condition of type "Ready"\n  kubectl wait --for=condition=Ready pod/busybox1\n  \n  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)\n  kubectl wait --for=condition=Ready=false pod/busybox1\n  \n  # Wait for the pod "busybox1" to contain the status phase to be "Running"\n  kubectl wait --for=jsonpath=\'{.status.phase}\'=Running pod/busybox1\n  \n  # Wait for pod "busybox1" to be Ready\n  kubectl wait --for=\'jsonpath={.status.conditions[?(@.type=="Ready")].status}=True\' pod/busybox1\n  \n  # Wait for the service "loadbalancer" to have ingress\n  kubectl wait --for=jsonpath=\'{.status.loadBalancer.ingress}\' service/loadbalancer\n  \n  # Wait for the secret "busybox1" to be created, with a timeout of 30s\n  kubectl create secret generic busybox1\n  kubectl wait --for=create secret/busybox1 --timeout=30s\n  \n  # Wait for the pod "busybox1" to be deleted, with a timeout of 60s, after having issued the "delete" command\n  kubectl delete pod/busybox1\n  kubectl wait --for=delete pod/busybox1 --timeout=60s',
    short: 'Experimental: Wait for a specific condition on one or many resources',
  },
  events: {
    long: 'Display events.\n\n Prints a table of the most important information about events. You can request events for a namespace, for all namespace, or filtered to only those pertaining to a specified resource.',
    usage:
      'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning]',
    flags: [
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage:
          'If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.',
      },
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'chunk-size',
        type: 'int',
        default: 500,
        usage:
          'Return large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.',
      },
      {
        name: 'for',
        type: 'string',
        usage: 'Filter events to only those pertaining to the specified resource.',
      },
      {
        name: 'no-headers',
        type: 'bool',
        usage: "When using the default output format, don't print headers.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
      {
        name: 'types',
        type: 'stringSlice',
        usage: 'Output only events of given types.',
      },
      {
        name: 'watch',
        short: 'w',
        type: 'bool',
        usage: 'After listing the requested events, watch for more events.',
      },
    ],
    example:
      "  # List recent events in the default namespace\n  kubectl events\n  \n  # List recent events in all namespaces\n  kubectl events --all-namespaces\n  \n  # List recent events for the specified pod, then wait for more events and list them as they arrive\n  kubectl events --for pod/web-pod-13je7 --watch\n  \n  # List recent events in YAML format\n  kubectl events -oyaml\n  \n  # List recent only events of type 'Warning' or 'Normal'\n  kubectl events --types=Warning,Normal",
    short: 'List events',
  },
  auth: {
    long: 'Inspect authorization.',
    usage: 'auth [flags]',
    flags: [],
    short: 'Inspect authorization',
  },
  'auth can-i': {
    long: "Check whether an action is allowed.\n\n VERB is a logical Kubernetes API verb like 'get', 'list', 'watch', 'delete', etc. TYPE is a Kubernetes resource. Shortcuts and groups will be resolved. NONRESOURCEURL is a partial URL that starts with \"/\". NAME is the name of a particular Kubernetes resource. This command pairs nicely with impersonation. See --as global flag.",
    usage: 'auth can-i VERB [TYPE | TYPE/NAME | NONRESOURCEURL]',
    flags: [
      {
        name: 'all-namespaces',
        short: 'A',
        type: 'bool',
        usage: 'If true, check the specified action in all namespaces.',
      },
      {
        name: 'list',
        type: 'bool',
        usage: 'If true, prints all allowed actions.',
      },
      {
        name: 'no-headers',
        type: 'bool',
        usage: 'If true, prints allowed actions without headers',
      },
      {
        name: 'quiet',
        short: 'q',
        type: 'bool',
        usage: 'If true, suppress output and just return the exit code.',
      },
      {
        name: 'subresource',
        type: 'string',
        usage: 'SubResource such as pod/log or deployment/scale',
      },
    ],
    example:
      '  # Check to see if I can create pods in any namespace\n  kubectl auth can-i create pods --all-namespaces\n  \n  # Check to see if I can list deployments in my current namespace\n  kubectl auth can-i list deployments.apps\n  \n  # Check to see if service account "foo" of namespace "dev" can list pods in the namespace "prod"\n  # You must be allowed to use impersonation for the global option "--as"\n  kubectl auth can-i list pods --as=system:serviceaccount:dev:foo -n prod\n  \n  # Check to see if I can do everything in my current namespace ("*" means all)\n  kubectl auth can-i \'*\' \'*\'\n  \n  # Check to see if I can get the job named "bar" in namespace "foo"\n  kubectl auth can-i list jobs.batch/bar -n foo\n  \n  # Check to see if I can read pod logs\n  kubectl auth can-i get pods --subresource=log\n  \n  # Check to see if I can access the URL /logs/\n  kubectl auth can-i get /logs/\n  \n  # Check to see if I can approve certificates.k8s.io\n  kubectl auth can-i approve certificates.k8s.io\n  \n  # List all allowed actions in namespace "foo"\n  kubectl auth can-i --list --namespace=foo',
    short: 'Check whether an action is allowed',
  },
  'auth reconcile': {
    long: "Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects.\n\n Missing objects are created, and the containing namespace is created for namespaced objects, if required.\n\n Existing roles are updated to include the permissions in the input objects, and remove extra permissions if --remove-extra-permissions is specified.\n\n Existing bindings are updated to include the subjects in the input objects, and remove extra subjects if --remove-extra-subjects is specified.\n\n This is preferred to 'apply' for RBAC resources so that semantically-aware merging of rules and subjects is done.",
    usage: 'auth reconcile -f FILENAME',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'dry-run',
        type: 'string',
        default: 'none',
        noOptDefault: 'unchanged',
        usage:
          'Must be "none", "server", or "client". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.',
      },
      {
        name: 'filename',
        short: 'f',
        type: 'stringSlice',
        usage: 'Filename, directory, or URL to files identifying the resource to reconcile.',
      },
      {
        name: 'kustomize',
        short: 'k',
        type: 'string',
        usage: "Process the kustomization directory. This flag can't be used together with -f or -R.",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'recursive',
        short: 'R',
        type: 'bool',
        usage:
          'Process the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.',
      },
      {
        name: 'remove-extra-permissions',
        type: 'bool',
        usage: 'If true, removes extra permissions added to roles',
      },
      {
        name: 'remove-extra-subjects',
        type: 'bool',
        usage: 'If true, removes extra subjects added to rolebindings',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example: '  # Reconcile RBAC resources from a file\n  kubectl auth reconcile -f my-rbac-rules.yaml',
    short: 'Reconciles rules for RBAC role, role binding, cluster role, and cluster role binding objects',
  },
  'auth whoami': {
    long: 'Experimental: Check who you are and your attributes (groups, extra).\n\n        This command is helpful to get yourself aware of the current user attributes,\n        especially when dynamic authentication, e.g., token webhook, auth proxy, or OIDC provider,\n        is enabled in the Kubernetes cluster.',
    usage: 'auth whoami',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Get your subject attributes\n  kubectl auth whoami\n  \n  # Get your subject attributes in JSON format\n  kubectl auth whoami -o json',
    short: 'Experimental: Check self subject attributes',
  },
  config: {
    long: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\n The loading order follows these rules:\n\n  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.\n  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.\n  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.',
    usage: 'config SUBCOMMAND',
    flags: [],
    short: 'Modify kubeconfig files',
  },
  'config current-context': {
    long: 'Display the current-context.',
    usage: 'config current-context [flags]',
    flags: [],
    example: '  # Display the current-context\n  kubectl config current-context',
    short: 'Display the current-context',
  },
  'config delete-cluster': {
    long: 'Delete the specified cluster from the kubeconfig.',
    usage: 'config delete-cluster NAME',
    flags: [],
    example: '  # Delete the minikube cluster\n  kubectl config delete-cluster minikube',
    short: 'Delete the specified cluster from the kubeconfig',
  },
  'config delete-context': {
    long: 'Delete the specified context from the kubeconfig.',
    usage: 'config delete-context NAME',
    flags: [],
    example: '  # Delete the context for the minikube cluster\n  kubectl config delete-context minikube',
    short: 'Delete the specified context from the kubeconfig',
  },
  'config delete-user': {
    long: 'Delete the specified user from the kubeconfig.',
    usage: 'config delete-user NAME',
    flags: [],
    example: '  # Delete the minikube user\n  kubectl config delete-user minikube',
    short: 'Delete the specified user from the kubeconfig',
  },
  'config get-clusters': {
    long: 'Display clusters defined in the kubeconfig.',
    usage: 'config get-clusters [flags]',
    flags: [],
    example: '  # List the clusters that kubectl knows about\n  kubectl config get-clusters',
    short: 'Display clusters defined in the kubeconfig',
  },
  'config get-contexts': {
    long: 'Display one or many contexts from the kubeconfig file.',
    usage: 'config get-contexts [(-o|--output=)name)]',
    flags: [
      {
        name: 'no-headers',
        type: 'bool',
        usage:
          "When using the default or custom-column output format, don't print headers (default print headers).",
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        usage: 'Output format. One of: (name).',
      },
    ],
    example:
      '  # List all the contexts in your kubeconfig file\n  kubectl config get-contexts\n  \n  # Describe one context in your kubeconfig file\n  kubectl config get-contexts my-context',
    short: 'Describe one or many contexts',
  },
  'config get-users': {
    long: 'Display users defined in the kubeconfig.',
    usage: 'config get-users [flags]',
    flags: [],
    example: '  # List the users that kubectl knows about\n  kubectl config get-users',
    short: 'Display users defined in the kubeconfig',
  },
  'config rename-context': {
    long: "Renames a context from the kubeconfig file.\n\n CONTEXT_NAME is the context name that you want to change.\n\n NEW_NAME is the new name you want to set.\n\n Note: If the context being renamed is the 'current-context', this field will also be updated.",
    usage: 'config rename-context CONTEXT_NAME NEW_NAME',
    flags: [],
    example:
      "  # Rename the context 'old-name' to 'new-name' in your kubeconfig file\n  kubectl config rename-context old-name new-name",
    short: 'Rename a context from the kubeconfig file',
  },
  'config set': {
    long: "Set an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.\n\n PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.\n\n Specifying an attribute name that already exists will merge new fields on top of existing values.",
    usage: 'config set PROPERTY_NAME PROPERTY_VALUE',
    flags: [
      {
        name: 'set-raw-bytes',
        type: 'bool',
        usage:
          'When writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.',
      },
    ],
    example:
      '  # Set the server field on the my-cluster cluster to https://1.2.3.4\n  kubectl config set clusters.my-cluster.server https://1.2.3.4\n  \n  # Set the certificate-authority-data field on the my-cluster cluster\n  kubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)\n  \n  # Set the cluster field in the my-context context to my-cluster\n  kubectl config set contexts.my-context.cluster my-cluster\n  \n  # Set the client-key-data field in the cluster-admin user using --set-raw-bytes option\n  kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true',
    short: 'Set an individual value in a kubeconfig file',
  },
  'config set-cluster': {
    long: 'Set a cluster entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    usage:
      'config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com]',
    flags: [
      {
        name: 'certificate-authority',
        type: 'string',
        usage: 'Path to certificate-authority file for the cluster entry in kubeconfig',
      },
      {
        name: 'embed-certs',
        type: 'bool',
        usage: 'embed-certs for the cluster entry in kubeconfig',
      },
      {
        name: 'insecure-skip-tls-verify',
        type: 'bool',
        usage: 'insecure-skip-tls-verify for the cluster entry in kubeconfig',
      },
      {
        name: 'proxy-url',
        type: 'string',
        usage: 'proxy-url for the cluster entry in kubeconfig',
      },
      {
        name: 'server',
        type: 'string',
        usage: 'server for the cluster entry in kubeconfig',
      },
      {
        name: 'tls-server-name',
        type: 'string',
        usage: 'tls-server-name for the cluster entry in kubeconfig',
      },
    ],
    example:
      '  # Set only the server field on the e2e cluster entry without touching other values\n  kubectl config set-cluster e2e --server=https://1.2.3.4\n  \n  # Embed certificate authority data for the e2e cluster entry\n  kubectl config set-cluster e2e --embed-certs --certificate-authority=~/.kube/e2e/kubernetes.ca.crt\n  \n  # Disable cert checking for the e2e cluster entry\n  kubectl config set-cluster e2e --insecure-skip-tls-verify=true\n  \n  # Set the custom TLS server name to use for validation for the e2e cluster entry\n  kubectl config set-cluster e2e --tls-server-name=my-cluster-name\n  \n  # Set the proxy URL for the e2e cluster entry\n  kubectl config set-cluster e2e --proxy-url=https://1.2.3.4',
    short: 'Set a cluster entry in kubeconfig',
  },
  'config set-context': {
    long: 'Set a context entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values for those fields.',
    usage:
      'config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace]',
    flags: [
      {
        name: 'cluster',
        type: 'string',
        usage: 'cluster for the context entry in kubeconfig',
      },
      {
        name: 'current',
        type: 'bool',
        usage: 'Modify the current context',
      },
      {
        name: 'namespace',
        type: 'string',
        usage: 'namespace for the context entry in kubeconfig',
      },
      {
        name: 'user',
        type: 'string',
        usage: 'user for the context entry in kubeconfig',
      },
    ],
    example:
      '  # Set the user field on the gce context entry without touching other values\n  kubectl config set-context gce --user=cluster-admin',
    short: 'Set a context entry in kubeconfig',
  },
  'config set-credentials': {
    long: 'Set a user entry in kubeconfig.\n\n Specifying a name that already exists will merge new fields on top of existing values.\n\n        Client-certificate flags:\n        --client-certificate=certfile --client-key=keyfile\n        \n        Bearer token flags:\n        --token=bearer_token\n        \n        Basic auth flags:\n        --username=basic_user --password=basic_password\n        \n Bearer token and basic auth are mutually exclusive.',
    usage:
      'config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value]',
    flags: [
      {
        name: 'auth-provider',
        type: 'string',
        usage: 'Auth provider for the user entry in kubeconfig',
      },
      {
        name: 'auth-provider-arg',
        type: 'stringSlice',
        usage: "'key=value' arguments for the auth provider",
      },
      {
        name: 'client-certificate',
        type: 'string',
        usage: 'Path to client-certificate file for the user entry in kubeconfig',
      },
      {
        name: 'client-key',
        type: 'string',
        usage: 'Path to client-key file for the user entry in kubeconfig',
      },
      {
        name: 'embed-certs',
        type: 'bool',
        usage: 'Embed client cert/key for the user entry in kubeconfig',
      },
      {
        name: 'exec-api-version',
        type: 'string',
        usage: 'API version of the exec credential plugin for the user entry in kubeconfig',
      },
      {
        name: 'exec-arg',
        type: 'stringSlice',
        usage: 'New arguments for the exec credential plugin command for the user entry in kubeconfig',
      },
      {
        name: 'exec-command',
        type: 'string',
        usage: 'Command for the exec credential plugin for the user entry in kubeconfig',
      },
      {
        name: 'exec-env',
        type: 'stringSlice',
        usage: "'key=value' environment values for the exec credential plugin",
      },
      {
        name: 'exec-interactive-mode',
        type: 'string',
        usage: 'InteractiveMode of the exec credentials plugin for the user entry in kubeconfig',
      },
      {
        name: 'exec-provide-cluster-info',
        type: 'bool',
        usage: 'ProvideClusterInfo of the exec credentials plugin for the user entry in kubeconfig',
      },
      {
        name: 'password',
        type: 'string',
        usage: 'password for the user entry in kubeconfig',
      },
      {
        name: 'token',
        type: 'string',
        usage: 'token for the user entry in kubeconfig',
      },
      {
        name: 'username',
        type: 'string',
        usage: 'username for the user entry in kubeconfig',
      },
    ],
    example:
      '  # Set only the "client-key" field on the "cluster-admin"\n  # entry, without touching other values\n  kubectl config set-credentials cluster-admin --client-key=~/.kube/admin.key\n  \n  # Set basic auth for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --username=admin --password=uXFGweU9l35qcif\n  \n  # Embed client certificate data in the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --client-certificate=~/.kube/admin.crt --embed-certs=true\n  \n  # Enable the Google Compute Platform auth provider for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --auth-provider=gcp\n  \n  # Enable the OpenID Connect auth provider for the "cluster-admin" entry with additional arguments\n  kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-id=foo --auth-provider-arg=client-secret=bar\n  \n  # Remove the "client-secret" config value for the OpenID Connect auth provider for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --auth-provider=oidc --auth-provider-arg=client-secret-\n  \n  # Enable new exec auth plugin for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1\n  \n  # Enable new exec auth plugin for the "cluster-admin" entry with interactive mode\n  kubectl config set-credentials cluster-admin --exec-command=/path/to/the/executable --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-interactive-mode=Never\n  \n  # Define new exec auth plugin arguments for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --exec-arg=arg1 --exec-arg=arg2\n  \n  # Create or update exec auth plugin environment variables for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --exec-env=key1=val1 --exec-env=key2=val2\n  \n  # Remove exec auth plugin environment variables for the "cluster-admin" entry\n  kubectl config set-credentials cluster-admin --exec-env=var-to-remove-',
    short: 'Set a user entry in kubeconfig',
  },
  'config unset': {
    long: 'Unset an individual value in a kubeconfig file.\n\n PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.',
    usage: 'config unset PROPERTY_NAME',
    flags: [],
    example:
      '  # Unset the current-context\n  kubectl config unset current-context\n  \n  # Unset namespace in foo context\n  kubectl config unset contexts.foo.namespace',
    short: 'Unset an individual value in a kubeconfig file',
  },
  'config use-context': {
    long: 'Set the current-context in a kubeconfig file.',
    usage: 'config use-context CONTEXT_NAME',
    flags: [],
    example: '  # Use the context for the minikube cluster\n  kubectl config use-context minikube',
    aliases: ['use'],
    short: 'Set the current-context in a kubeconfig file',
  },
  'config view': {
    long: 'Display merged kubeconfig settings or a specified kubeconfig file.\n\n You can use --output jsonpath={...} to extract specific values using a jsonpath expression.',
    usage: 'config view [flags]',
    flags: [
      {
        name: 'allow-missing-template-keys',
        type: 'bool',
        default: true,
        usage:
          'If true, ignore any errors in templates when a field or map key is missing in the template. Only applies to golang and jsonpath output formats.',
      },
      {
        name: 'flatten',
        type: 'bool',
        usage:
          'Flatten the resulting kubeconfig file into self-contained output (useful for creating portable kubeconfig files)',
      },
      {
        name: 'merge',
        type: 'bool',
        default: true,
        usage: 'Merge the full hierarchy of kubeconfig files',
      },
      {
        name: 'minify',
        type: 'bool',
        usage: 'Remove all information not used by current-context from the output',
      },
      {
        name: 'output',
        short: 'o',
        type: 'string',
        default: 'yaml',
        usage:
          'Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).',
      },
      {
        name: 'raw',
        type: 'bool',
        usage: 'Display raw byte data and sensitive data',
      },
      {
        name: 'show-managed-fields',
        type: 'bool',
        usage: 'If true, keep the managedFields when printing objects in JSON or YAML format.',
      },
      {
        name: 'template',
        type: 'string',
        usage:
          'Template string or path to template file to use when -o=go-template, -o=go-template-file. The template format is golang templates [http://golang.org/pkg/text/template/#pkg-overview].',
      },
    ],
    example:
      '  # Show merged kubeconfig settings\n  kubectl config view\n  \n  # Show merged kubeconfig settings, raw certificate data, and exposed secrets\n  kubectl config view --raw\n  \n  # Get the password for the e2e user\n  kubectl config view -o jsonpath=\'{.users[?(@.name == "e2e")].user.password}\'',
    short: 'Display merged kubeconfig settings or a specified kubeconfig file',
  },
};

/** The help fields of a command path, ready to spread into a `Command`. */
export function helpFor(
  path: string,
): Pick<Command, 'short' | 'long' | 'example' | 'usage' | 'aliases' | 'flags'> & { name: string } {
  const h = HELP[path];
  if (!h) throw new Error(`no help text for ${path}`);
  const name = path.split(' ').pop()!;
  return {
    name,
    short: h.short,
    long: h.long,
    example: h.example,
    usage: h.usage,
    aliases: h.aliases,
    flags: h.flags.map((f) => ({ ...f })),
  };
}
