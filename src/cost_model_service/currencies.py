"""ISO 4217 currency codes: a price basis (and a series, if it names one) must use one."""

from cost_model_service.errors import BadUserInput

# ISO 4217 list one (current codes, 2025: XCG and ZWG included), without XTS (testing) and
# XXX (no currency); plus codes withdrawn since 2007 that old contracts still carry (list
# three: HRK, LTL, ...), because a price basis may be years old.
_CURRENT = """
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN BWP
BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB
EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD
JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP
MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR
RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND
TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XAG XAU XBA XBB
XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG
"""
_WITHDRAWN = "ANG BYR CUC EEK HRK LTL LVL MRO SKK SLL STD VEF ZMK ZWL"

CODES = frozenset(_CURRENT.split()) | frozenset(_WITHDRAWN.split())


def check_currency(value: str, what: str = "currency") -> str:
    """The ISO 4217 code, upper-cased; else BAD_USER_INPUT."""
    code = value.strip().upper()
    if code not in CODES:
        raise BadUserInput(f"{what} '{value}' is not an ISO 4217 currency code (e.g. EUR, USD)")
    return code
