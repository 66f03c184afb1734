/**
 * The rule catalogue: every rule spec:diff applies. Each module under rules/ holds one rule or a
 * tight family, with its cases in a test beside it; a new rule is a new module plus its line here.
 */
import { annotationChanged } from './rules/annotation-changed.ts';
import { componentSchemaAdded, componentSchemaRemoved } from './rules/component-schemas.ts';
import {
  compositionWidened,
  requestAllOfAdded,
  requestAlternativeRemoved,
  requestWrappedInOneOf,
  responseAllOfRemoved,
  responseAlternativeAdded,
} from './rules/compositions.ts';
import {
  requestPropertyConstraintRelaxed,
  requestPropertyConstraintTightened,
  requestPropertyDefaultChanged,
  requestPropertyLimitSet,
  requestPropertyPatternChanged,
  responsePropertyConstraintRelaxed,
  responsePropertyConstraintTightened,
  responsePropertyDefaultChanged,
  responsePropertyFormatRelaxed,
} from './rules/constraints.ts';
import { contentEncodingChanged } from './rules/content-encoding.ts';
import {
  deprecationSunsetInvalid,
  deprecationSunsetMissing,
  deprecationSunsetRemoved,
  deprecationSunsetTooSoon,
  removedAfterSunset,
  removedBeforeSunset,
} from './rules/deprecation.ts';
import { discriminatorChanged, discriminatorExtended } from './rules/discriminator.ts';
import {
  apiEmptyPathRemoved,
  apiOperationIdChanged,
  apiPathAdded,
  apiPathRemoved,
  apiRemoved,
  endpointAdded,
  endpointDeprecated,
} from './rules/paths.ts';
import {
  requestPropertyBecameOptional,
  requestPropertyBecameRequired,
  responsePropertyBecameOptional,
  responsePropertyBecameRequired,
} from './rules/property-required.ts';
import { propertyVisibilityChanged, responsePropertyBecameWriteOnly } from './rules/read-write-only.ts';
import {
  requestBodyAddedOptional,
  requestBodyAddedRequired,
  requestBodyBecameOptional,
  requestBodyBecameRequired,
  requestBodyMediaTypeAdded,
  requestBodyMediaTypeRemoved,
  requestBodyRemoved,
} from './rules/request-body.ts';
import {
  requestExtensibleEnumValueRemoved,
  requestPropertyBecameEnum,
  requestPropertyBecameNotEnum,
  requestPropertyEnumValueAdded,
  requestPropertyEnumValueRemoved,
} from './rules/request-enums.ts';
import {
  newOptionalRequestParameter,
  newRequiredRequestParameter,
  requestParameterBecameOptional,
  requestParameterBecameRequired,
  requestParameterRemoved,
} from './rules/request-parameters.ts';
import {
  newOptionalRequestProperty,
  newRequiredRequestProperty,
  requestPropertyRemoved,
  requestPropertyRenamed,
} from './rules/request-property-presence.ts';
import {
  requestPropertyBecameNotNullable,
  requestPropertyTypeChanged,
  requestPropertyTypeGeneralized,
} from './rules/request-types.ts';
import {
  responsePropertyBecameEnum,
  responsePropertyBecameNotEnum,
  responsePropertyConstChanged,
  responsePropertyEnumValueAdded,
  responsePropertyEnumValueRemoved,
} from './rules/response-enums.ts';
import { responseExampleAdded, responseExampleChanged, responseExampleRemoved } from './rules/response-examples.ts';
import {
  responseOptionalPropertyRemoved,
  responsePropertyAdded,
  responsePropertyRemoved,
  responsePropertyRenamed,
} from './rules/response-property-presence.ts';
import {
  responsePropertyBecameNullable,
  responsePropertyTypeChanged,
  responsePropertyTypeSpecialized,
} from './rules/response-types.ts';
import {
  mediaTypeRenamed,
  responseErrorStatusRemoved,
  responseHeaderAdded,
  responseHeaderBecameOptional,
  responseMediaTypeAdded,
  responseMediaTypeRemoved,
  responseOptionalHeaderRemoved,
  responseRequiredHeaderRemoved,
  responseStatusAdded,
  responseStatusRemoved,
} from './rules/responses.ts';
import { schemaKeywordChanged } from './rules/schema-keyword-changed.ts';
import { apiSecurityAdded, apiSecurityRemoved } from './rules/security.ts';
import { serverAdded, serverRemoved, serverUrlChanged } from './rules/servers.ts';
import { stabilityLevelDecreased, stabilityLevelInvalid } from './rules/stability.ts';
import { unclassifiedChange } from './rules/unclassified-change.ts';
import { webhookAdded, webhookChanged, webhookRemoved } from './rules/webhooks.ts';
import type { Rule } from './types.ts';

/**
 * Rules judging the same node run in this order, which is the order their changes are reported in:
 * keep it stable so reports do not reshuffle.
 */
export const RULES: readonly Rule[] = [
  apiOperationIdChanged,
  apiPathAdded,
  apiPathRemoved,
  apiEmptyPathRemoved,
  apiRemoved,
  apiSecurityAdded,
  apiSecurityRemoved,
  componentSchemaAdded,
  componentSchemaRemoved,
  endpointAdded,
  endpointDeprecated,
  stabilityLevelDecreased,
  stabilityLevelInvalid,
  deprecationSunsetInvalid,
  deprecationSunsetMissing,
  deprecationSunsetRemoved,
  deprecationSunsetTooSoon,
  removedAfterSunset,
  removedBeforeSunset,
  serverAdded,
  serverRemoved,
  serverUrlChanged,
  webhookAdded,
  webhookChanged,
  webhookRemoved,
  newOptionalRequestParameter,
  newRequiredRequestParameter,
  requestBodyAddedOptional,
  requestBodyAddedRequired,
  requestBodyBecameOptional,
  requestBodyBecameRequired,
  requestBodyMediaTypeAdded,
  requestBodyMediaTypeRemoved,
  requestBodyRemoved,
  requestParameterBecameOptional,
  requestParameterBecameRequired,
  requestParameterRemoved,
  responseExampleAdded,
  responseExampleChanged,
  responseExampleRemoved,
  responseHeaderAdded,
  responseMediaTypeAdded,
  responseMediaTypeRemoved,
  mediaTypeRenamed,
  responseOptionalHeaderRemoved,
  responseRequiredHeaderRemoved,
  responseHeaderBecameOptional,
  responseStatusAdded,
  responseStatusRemoved,
  responseErrorStatusRemoved,
  newOptionalRequestProperty,
  newRequiredRequestProperty,
  requestPropertyBecameEnum,
  requestPropertyBecameNotEnum,
  requestPropertyBecameNotNullable,
  requestPropertyBecameOptional,
  requestPropertyBecameRequired,
  requestPropertyConstraintRelaxed,
  requestPropertyConstraintTightened,
  requestPropertyDefaultChanged,
  requestPropertyEnumValueAdded,
  requestPropertyEnumValueRemoved,
  requestExtensibleEnumValueRemoved,
  requestPropertyLimitSet,
  requestPropertyPatternChanged,
  requestPropertyRemoved,
  requestPropertyRenamed,
  requestPropertyTypeChanged,
  requestPropertyTypeGeneralized,
  responsePropertyAdded,
  responsePropertyBecameEnum,
  responsePropertyBecameNotEnum,
  responsePropertyBecameNullable,
  responsePropertyBecameOptional,
  responsePropertyBecameRequired,
  responsePropertyConstraintRelaxed,
  responsePropertyConstraintTightened,
  responsePropertyEnumValueAdded,
  responsePropertyEnumValueRemoved,
  responsePropertyConstChanged,
  responsePropertyFormatRelaxed,
  responsePropertyRemoved,
  responseOptionalPropertyRemoved,
  responsePropertyBecameWriteOnly,
  propertyVisibilityChanged,
  responsePropertyRenamed,
  responsePropertyTypeChanged,
  responsePropertyTypeSpecialized,
  requestAlternativeRemoved,
  requestAllOfAdded,
  requestWrappedInOneOf,
  responseAlternativeAdded,
  responseAllOfRemoved,
  compositionWidened,
  discriminatorChanged,
  discriminatorExtended,
  contentEncodingChanged,
  responsePropertyDefaultChanged,
  schemaKeywordChanged,
  annotationChanged,
  unclassifiedChange,
];
