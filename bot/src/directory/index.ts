export { loadDirectoryFile, parseDirectory } from './load-directory-file';
export {
  entraGroupRoleSchema,
  entraMappingSchema,
  parseEntraMapping,
  personFromEntra,
  type EntraGroupRole,
  type EntraMapping,
  type EntraUser,
} from './entra-directory';
