package jp.jpkigate.sim.crl;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class CrlNumberProperties {
    @Property(tries = 300)
    void decodesWhatItEncodesAndOrdersLikeTheInteger(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long s1,
                                                     @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long t1,
                                                     @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long s2,
                                                     @ForAll @LongRange(min = 0, max = 0xFFFF_FFFFL) long t2) {
        CrlNumber a = new CrlNumber(s1, t1);
        CrlNumber b = new CrlNumber(s2, t2);
        assertThat(CrlNumber.decode(a.value())).isEqualTo(a);
        assertThat(a.value().bitLength()).isLessThanOrEqualTo(20 * 8 - 1);
        assertThat(Integer.signum(a.compareTo(b))).isEqualTo(a.value().compareTo(b.value()));
    }
}
