// Shared with the MSW mocks, so it lives with the backend rules.
export { CrossTabPublisher } from '../../src/backend/crossTabPublisher';
