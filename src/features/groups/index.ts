export { GroupActions } from './GroupActions';
