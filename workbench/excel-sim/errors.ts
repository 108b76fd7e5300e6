// Errors shaped like OfficeExtension.Error, so code under test can branch on `code` as it would in Excel.
export type SimErrorCode =
  | "PropertyNotLoaded"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidReference"
  | "InvalidRequestContext"
  | "InvalidObjectPath"
  | "InvalidOperationInCellEditMode"
  | "ApiNotFound"
  | "RequestPayloadSizeLimitExceeded"
  | "ResponsePayloadSizeLimitExceeded";

const defaultMessages: Record<SimErrorCode, string> = {
  PropertyNotLoaded: "The property is not available.",
  ItemNotFound: "The requested resource doesn't exist.",
  ItemAlreadyExists: "The resource being created already exists.",
  InvalidArgument: "The argument is invalid or missing or has an incorrect format.",
  InvalidOperation: "The operation is invalid for the object.",
  InvalidReference: "This reference is not valid for the current operation.",
  InvalidRequestContext: "Cannot use the object across different request contexts.",
  InvalidObjectPath: "The object path isn't working for what you're trying to do.",
  InvalidOperationInCellEditMode: "Excel is in cell-editing mode.",
  ApiNotFound:
    "The API you are trying to use could not be found. It may be available in a newer version of Excel.",
  RequestPayloadSizeLimitExceeded: "The request payload size has exceeded the limit.",
  ResponsePayloadSizeLimitExceeded: "The response payload size has exceeded the limit.",
};

export class SimExcelError extends Error {
  override readonly name = "RichApi.Error";
  readonly code: SimErrorCode;
  readonly debugInfo: { code: SimErrorCode; message: string; errorLocation?: string };

  constructor(code: SimErrorCode, detail?: string, errorLocation?: string) {
    const message = detail ?? defaultMessages[code];
    super(message);
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

export function fail(code: SimErrorCode, detail?: string, location?: string): never {
  throw new SimExcelError(code, detail, location);
}

export function propertyNotLoaded(property: string): SimExcelError {
  return new SimExcelError(
    "PropertyNotLoaded",
    `The property '${property}' is not available. Before reading the property's value, call the load method on the containing object and call "sync()" on the associated request context.`,
  );
}
