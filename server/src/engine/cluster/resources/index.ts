/** Pod resource accounting shared by the scheduler, kubelet and reporting: requests, scoring defaults, QoS. */
export {
  podResources,
  resourceKey,
  podRequests,
  nonZeroRequests,
  DEFAULT_MILLI_CPU_REQUEST,
  DEFAULT_MEMORY_REQUEST,
  type PodRequests,
  type PodResources,
  type InvalidQuantity,
} from './requests';
export { qosClass, type QOSClass } from './qos';
