/**
 * Service, Endpoints and EndpointSlice validation, mirroring core's ValidateService,
 * validateServicePort, ValidateServiceClusterIPsRelatedFields, ValidateServiceUpdate
 * (validateUpgradeDowngradeClusterIPs) and ValidateEndpoints, plus the node-port range check that
 * upstream's allocator performs (`provided port is not in the valid range...`).
 * Left out: load-balancer source ranges, traffic distribution, dual-stack family matching.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError } from '../../../api/field-errors';
import type { KubeObject } from '../../../api/types';
import { isDNS1123Label, isDNS1123Subdomain, isIP, isQualifiedName, isValidPortName, isValidPortNum, nameIsDNS1035Label, nameIsDNSSubdomain } from './names';
import { validateLabels, validateObjectMeta, validateObjectMetaUpdate } from './meta';
import { asObj, asObjArray, child, index, num, type Obj, str } from './util';

/** The default service-node-port-range of kube-apiserver. */
export const nodePortRange = { base: 30000, size: 2768 };
const protocols = ['SCTP', 'TCP', 'UDP'];

function isHeadless(spec: Obj): boolean {
  const ips = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [];
  return ips.length === 1 && ips[0] === 'None';
}

function validateServicePort(sp: Obj, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(sp.name);
  if (requireName && !name) errs.push(fieldError.required(child(path, 'name')));
  else if (name) {
    errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(path, 'name'), name, m)));
    if (names.has(name)) errs.push(fieldError.duplicate(child(path, 'name'), name));
    else names.add(name);
  }
  const port = num(sp.port) ?? 0;
  for (const m of isValidPortNum(port)) errs.push(fieldError.invalid(child(path, 'port'), port, m));
  const proto = str(sp.protocol);
  if (!proto) errs.push(fieldError.required(child(path, 'protocol')));
  else if (!protocols.includes(proto)) errs.push(fieldError.notSupported(child(path, 'protocol'), proto, protocols));
  const tp = sp.targetPort;
  if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(fieldError.invalid(child(path, 'targetPort'), tp, m));
  else {
    const n = typeof tp === 'number' ? tp : 0;
    for (const m of isValidPortNum(n)) errs.push(fieldError.invalid(child(path, 'targetPort'), n, m));
  }
  if (sp.appProtocol !== undefined && sp.appProtocol !== null)
    for (const m of isQualifiedName(str(sp.appProtocol))) errs.push(fieldError.invalid(child(path, 'appProtocol'), str(sp.appProtocol), m));
  return errs;
}

/** ValidateService (create and the second half of update). */
export function validateService(svc: KubeObject): FieldError[] {
  const errs = validateObjectMeta(svc.metadata as ObjectMeta, true, nameIsDNS1035Label);
  const spec = asObj(svc.spec) ?? {};
  const type = str(spec.type);
  const ports = asObjArray(spec.ports);
  const headless = isHeadless(spec);
  if (ports.length === 0 && !headless && type !== 'ExternalName') errs.push(fieldError.required('spec.ports'));
  const clusterIPs = Array.isArray(spec.clusterIPs) ? spec.clusterIPs.map(str) : [];
  if (type === 'LoadBalancer' && headless)
    errs.push(fieldError.invalid('spec.clusterIPs[0]', clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
  if (type === 'NodePort' && headless)
    errs.push(fieldError.invalid('spec.clusterIPs[0]', clusterIPs[0], "may not be set to 'None' for NodePort services"));
  if (type === 'ExternalName') {
    if (clusterIPs.length) errs.push(fieldError.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (Array.isArray(spec.ipFamilies) && spec.ipFamilies.length)
      errs.push(fieldError.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null)
      errs.push(fieldError.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fieldError.invalid('spec.externalName', cname, m)));
    else errs.push(fieldError.required('spec.externalName'));
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, index('spec.ports', i))));
  if (spec.selector !== undefined && spec.selector !== null) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const sa = str(spec.sessionAffinity);
  if (!sa) errs.push(fieldError.required('spec.sessionAffinity'));
  else if (sa !== 'ClientIP' && sa !== 'None') errs.push(fieldError.notSupported('spec.sessionAffinity', sa, ['ClientIP', 'None']));
  if (sa === 'ClientIP') {
    const t = num(asObj(asObj(spec.sessionAffinityConfig)?.clientIP)?.timeoutSeconds);
    if (!asObj(spec.sessionAffinityConfig)) errs.push(fieldError.required('spec.sessionAffinityConfig', 'when session affinity type is ClientIP'));
    else if (t === undefined) errs.push(fieldError.required('spec.sessionAffinityConfig.clientIP.timeoutSeconds', 'when session affinity type is ClientIP'));
    else if (t <= 0 || t > 86400)
      errs.push(fieldError.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', t, 'must be greater than 0 and less than 86400'));
  } else if (sa === 'None' && spec.sessionAffinityConfig !== undefined && spec.sessionAffinityConfig !== null) {
    errs.push(fieldError.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  if (type !== 'ExternalName') {
    const cip = str(spec.clusterIP);
    if (cip) {
      if (clusterIPs.length === 0) errs.push(fieldError.required('spec.clusterIPs'));
      else if (clusterIPs[0] !== cip) errs.push(fieldError.invalid('spec.clusterIPs', clusterIPs, 'first value must match `clusterIP`'));
    } else if (clusterIPs.length) errs.push(fieldError.invalid('spec.clusterIPs', clusterIPs, 'must be empty when `clusterIP` is not specified'));
    const fams = Array.isArray(spec.ipFamilies) ? spec.ipFamilies.map(str) : [];
    const seen = new Set<string>();
    fams.forEach((f, i) => {
      if (f !== 'IPv4' && f !== 'IPv6') errs.push(fieldError.notSupported(index('spec.ipFamilies', i), f, ['IPv4', 'IPv6']));
      if (seen.has(f)) errs.push(fieldError.duplicate(index('spec.ipFamilies', i), f));
      seen.add(f);
    });
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) {
      const pol = str(spec.ipFamilyPolicy);
      if (!['PreferDualStack', 'RequireDualStack', 'SingleStack'].includes(pol))
        errs.push(fieldError.notSupported('spec.ipFamilyPolicy', pol, ['PreferDualStack', 'RequireDualStack', 'SingleStack']));
    }
    clusterIPs.forEach((ip, i) => {
      if (i === 0 && ip === 'None') {
        if (clusterIPs.length > 1) errs.push(fieldError.invalid('spec.clusterIPs', clusterIPs, "'None' must be the first and only value"));
        return;
      }
      if (!isIP(ip)) errs.push(fieldError.invalid(index('spec.clusterIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    });
    if (clusterIPs.length > 2) errs.push(fieldError.invalid('spec.clusterIPs', clusterIPs, 'may only hold up to 2 values'));
  }
  (Array.isArray(spec.externalIPs) ? spec.externalIPs.map(str) : []).forEach((ip, i) => {
    if (!isIP(ip)) errs.push(fieldError.invalid(index('spec.externalIPs', i), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!type) errs.push(fieldError.required('spec.type'));
  else if (!types.includes(type)) errs.push(fieldError.notSupported('spec.type', type, types));
  if (type === 'ClusterIP')
    ports.forEach((p, i) => {
      if ((num(p.nodePort) ?? 0) !== 0) errs.push(fieldError.forbidden(child(index('spec.ports', i), 'nodePort'), "may not be used when `type` is 'ClusterIP'"));
    });
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    const np = num(p.nodePort) ?? 0;
    if (np === 0) return;
    const k = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(k)) errs.push(fieldError.duplicate(child(index('spec.ports', i), 'nodePort'), np));
    nodePorts.add(k);
  });
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    const k = `${str(p.protocol)}/${num(p.port) ?? 0}`;
    if (seenPorts.has(k)) errs.push(fieldError.duplicate(index('spec.ports', i), { protocol: str(p.protocol), port: num(p.port) ?? 0 }));
    seenPorts.add(k);
  });
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.allocateLoadBalancerNodePorts !== null && type !== 'LoadBalancer')
    errs.push(fieldError.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  if (type === 'LoadBalancer' && (spec.allocateLoadBalancerNodePorts === undefined || spec.allocateLoadBalancerNodePorts === null))
    errs.push(fieldError.required('allocateLoadBalancerNodePorts'));
  if (spec.loadBalancerClass !== undefined && spec.loadBalancerClass !== null && type !== 'LoadBalancer')
    errs.push(fieldError.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  const external = type === 'LoadBalancer' || type === 'NodePort' || (Array.isArray(spec.externalIPs) && spec.externalIPs.length > 0);
  const etp = str(spec.externalTrafficPolicy);
  if (!external) {
    if (etp) errs.push(fieldError.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(fieldError.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fieldError.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const itp = spec.internalTrafficPolicy;
  if ((itp === undefined || itp === null) && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(type))
    errs.push(fieldError.required('spec.internalTrafficPolicy'));
  if (itp !== undefined && itp !== null && itp !== 'Cluster' && itp !== 'Local')
    errs.push(fieldError.notSupported('spec.internalTrafficPolicy', itp, ['Cluster', 'Local']));
  // node-port allocation (upstream: the service REST allocator)
  if (type === 'NodePort' || type === 'LoadBalancer')
    ports.forEach((p, i) => {
      const np = num(p.nodePort) ?? 0;
      if (np !== 0 && (np < nodePortRange.base || np >= nodePortRange.base + nodePortRange.size))
        errs.push(
          fieldError.invalid(
            child(index('spec.ports', i), 'nodePort'),
            np,
            `provided port is not in the valid range. The range of valid ports is ${nodePortRange.base}-${nodePortRange.base + nodePortRange.size - 1}`,
          ),
        );
    });
  return errs;
}

/** ValidateServiceUpdate: cluster IPs may not change once set. */
export function validateServiceUpdate(svc: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(svc.metadata as ObjectMeta, old.metadata as ObjectMeta);
  const n = asObj(svc.spec) ?? {};
  const o = asObj(old.spec) ?? {};
  if (str(n.type) !== 'ExternalName' && str(o.type) !== 'ExternalName' && !(isHeadless(n) && isHeadless(o))) {
    const nIPs = Array.isArray(n.clusterIPs) ? n.clusterIPs.map(str) : [];
    const oIPs = Array.isArray(o.clusterIPs) ? o.clusterIPs.map(str) : [];
    if (nIPs.length === oIPs.length) {
      oIPs.forEach((ip, i) => {
        if (ip !== nIPs[i]) errs.push(fieldError.invalid(index('spec.clusterIPs', i), nIPs, 'may not change once set'));
      });
    } else if (oIPs.length > nIPs.length) {
      if (nIPs.length === 0) errs.push(fieldError.invalid('spec.clusterIPs[0]', nIPs, 'primary clusterIP can not be unset'));
      if (oIPs.length && nIPs.length && nIPs[0] !== oIPs[0]) errs.push(fieldError.invalid('spec.clusterIPs[0]', nIPs, 'may not change once set'));
    } else if (oIPs.length && nIPs[0] !== oIPs[0]) {
      errs.push(fieldError.invalid('spec.clusterIPs[0]', nIPs, 'may not change once set'));
    }
  }
  errs.push(...validateService(svc));
  return errs;
}

/** ValidateEndpoints. */
export function validateEndpoints(ep: KubeObject): FieldError[] {
  const errs = validateObjectMeta(ep.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  asObjArray(ep.subsets).forEach((ss, i) => {
    const p = index('subsets', i);
    const addrs = asObjArray(ss.addresses);
    const notReady = asObjArray(ss.notReadyAddresses);
    if (!addrs.length && !notReady.length) errs.push(fieldError.required(p, 'must specify `addresses` or `notReadyAddresses`'));
    for (const [field, list] of [
      ['addresses', addrs],
      ['notReadyAddresses', notReady],
    ] as const)
      list.forEach((a, j) => {
        const ip = str(a.ip);
        if (!isIP(ip)) errs.push(fieldError.invalid(child(index(child(p, field), j), 'ip'), ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
      });
    const ports = asObjArray(ss.ports);
    ports.forEach((port, j) => {
      const pp = index(child(p, 'ports'), j);
      const name = str(port.name);
      if (ports.length > 1 && !name) errs.push(fieldError.required(child(pp, 'name')));
      else if (name) errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(pp, 'name'), name, m)));
      const n = num(port.port) ?? 0;
      for (const m of isValidPortNum(n)) errs.push(fieldError.invalid(child(pp, 'port'), n, m));
      const proto = str(port.protocol);
      if (!proto) errs.push(fieldError.required(child(pp, 'protocol')));
      else if (!protocols.includes(proto)) errs.push(fieldError.notSupported(child(pp, 'protocol'), proto, protocols));
    });
  });
  return errs;
}

/** ValidateEndpointSlice (addressType, endpoints' addresses, ports). */
export function validateEndpointSlice(es: KubeObject): FieldError[] {
  const errs = validateObjectMeta(es.metadata as ObjectMeta, true, nameIsDNSSubdomain);
  const at = str(es.addressType);
  if (!['IPv4', 'IPv6', 'FQDN'].includes(at)) errs.push(fieldError.notSupported('addressType', at, ['FQDN', 'IPv4', 'IPv6']));
  asObjArray(es.endpoints).forEach((e, i) => {
    const addrs = Array.isArray(e.addresses) ? e.addresses.map(str) : [];
    if (addrs.length === 0) errs.push(fieldError.required(child(index('endpoints', i), 'addresses'), 'must contain at least 1 address'));
    addrs.forEach((a, j) => {
      if ((at === 'IPv4' || at === 'IPv6') && !isIP(a))
        errs.push(fieldError.invalid(index(child(index('endpoints', i), 'addresses'), j), a, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
    });
  });
  asObjArray(es.ports).forEach((p, i) => {
    const pp = index('ports', i);
    const name = str(p.name);
    if (name) errs.push(...isDNS1123Label(name).map((m) => fieldError.invalid(child(pp, 'name'), name, m)));
    const proto = str(p.protocol);
    if (proto && !protocols.includes(proto)) errs.push(fieldError.notSupported(child(pp, 'protocol'), proto, protocols));
    const n = num(p.port);
    if (n !== undefined) for (const m of isValidPortNum(n)) errs.push(fieldError.invalid(child(pp, 'port'), n, m));
  });
  return errs;
}
