package jp.jpkigate.sim.card;

/** Something that answers command APDUs: a virtual card here, a PC/SC reader in a real app. */
@FunctionalInterface
public interface ApduChannel {
    /** Sends one short command APDU; returns response data followed by the two status-word bytes. */
    byte[] transmit(byte[] commandApdu);
}
