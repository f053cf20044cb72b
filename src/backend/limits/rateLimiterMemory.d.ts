// The memory limiter on its own: the package's index also loads its Node-only
// limiters (cluster, crypto), which a browser bundle must not carry.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import { RateLimiterMemory } from 'rate-limiter-flexible';
  export default RateLimiterMemory;
}
