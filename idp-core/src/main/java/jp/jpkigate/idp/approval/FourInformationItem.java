package jp.jpkigate.idp.approval;

/**
 * The items of the basic 4 information (基本4情報) recorded on a My Number card's signature
 * certificate, in the order the card lists them. A request names them by scope ({@code name},
 * {@code birthdate}, {@code gender}, {@code address}) or by claim.
 */
public enum FourInformationItem {
    NAME, BIRTHDATE, GENDER, ADDRESS
}
