// The local provider's two failures, as values the billing requests and the CLI tell apart:
// a refusal in plain words (nothing changed) and a delivery that failed after the change was
// stored (the events are kept and can be replayed by id).

export class LocalBillingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LocalBillingError";
  }
}

export class LocalDeliveryError extends Error {
  constructor(
    message: string,
    readonly eventIds: string[],
  ) {
    super(message);
    this.name = "LocalDeliveryError";
  }
}
