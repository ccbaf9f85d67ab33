package io.chipledger.core.partner;

/** Every event of a {@link Partner}. */
public interface PartnerEvent {
    String partnerId();
}
