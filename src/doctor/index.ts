export {doctorInputFromCatalog, readDoctorCatalog, type DoctorCatalogFacts} from './doctor-input.js'
export type {
  CheckStatus,
  DoctorCheck,
  DoctorInput,
  DoctorReport,
  FailureKind,
  RateLimitFacts,
} from './doctor-types.js'
export {renderDoctorText} from './render-doctor.js'
export {exitCodeFor, runDoctor, type DoctorOptions} from './run-doctor.js'
export {diagnoseStore, type DiagnoseOptions} from './diagnose-store.js'
