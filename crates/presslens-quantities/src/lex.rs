//! Word lists: bound phrases, units, currencies, count-type cues, stop words.

use crate::Bound;

/// Bound phrases written before a number (lowercased tokens).
pub(crate) const PRE_BOUNDS: &[(&[&str], Bound)] = &[
    (&["no", "more", "than"], Bound::AtMost),
    (&["not", "more", "than"], Bound::AtMost),
    (&["no", "fewer", "than"], Bound::AtLeast),
    (&["no", "less", "than"], Bound::AtLeast),
    (&["not", "less", "than"], Bound::AtLeast),
    (&["not", "fewer", "than"], Bound::AtLeast),
    (&["less", "than", "or", "equal", "to"], Bound::AtMost),
    (&["fewer", "than", "or", "equal", "to"], Bound::AtMost),
    (&["more", "than", "or", "equal", "to"], Bound::AtLeast),
    (&["greater", "than", "or", "equal", "to"], Bound::AtLeast),
    (&["equal", "to", "or", "more", "than"], Bound::AtLeast),
    (&["equal", "to", "or", "greater", "than"], Bound::AtLeast),
    (&["equal", "to", "or", "less", "than"], Bound::AtMost),
    (&["at", "least", "or", "equal", "to"], Bound::AtLeast),
    (&["smaller", "or", "equal", "than"], Bound::AtMost),
    (&["less", "or", "equal", "than"], Bound::AtMost),
    (&["lower", "or", "equal", "than"], Bound::AtMost),
    (&["fewer", "or", "equal", "than"], Bound::AtMost),
    (&["bigger", "or", "equal", "than"], Bound::AtLeast),
    (&["larger", "or", "equal", "than"], Bound::AtLeast),
    (&["greater", "or", "equal", "than"], Bound::AtLeast),
    (&["higher", "or", "equal", "than"], Bound::AtLeast),
    (&["more", "or", "equal", "than"], Bound::AtLeast),
    (&["more", "than"], Bound::MoreThan),
    (&["greater", "than"], Bound::MoreThan),
    (&["higher", "than"], Bound::MoreThan),
    (&["larger", "than"], Bound::MoreThan),
    (&["bigger", "than"], Bound::MoreThan),
    (&["in", "excess", "of"], Bound::MoreThan),
    (&["upwards", "of"], Bound::MoreThan),
    (&["upward", "of"], Bound::MoreThan),
    (&["well", "over"], Bound::MoreThan),
    (&["just", "over"], Bound::MoreThan),
    (&["over"], Bound::MoreThan),
    (&["above"], Bound::MoreThan),
    (&["exceeding"], Bound::MoreThan),
    (&["exceed"], Bound::MoreThan),
    (&["exceeds"], Bound::MoreThan),
    (&["exceeded"], Bound::MoreThan),
    (&["surpass"], Bound::MoreThan),
    (&["surpassing"], Bound::MoreThan),
    (&["at", "least"], Bound::AtLeast),
    (&["a", "minimum", "of"], Bound::AtLeast),
    (&["minimum", "of"], Bound::AtLeast),
    (&["less", "than"], Bound::LessThan),
    (&["fewer", "than"], Bound::LessThan),
    (&["lower", "than"], Bound::LessThan),
    (&["smaller", "than"], Bound::LessThan),
    (&["just", "under"], Bound::LessThan),
    (&["under"], Bound::LessThan),
    (&["below"], Bound::LessThan),
    (&["up", "to"], Bound::AtMost),
    (&["at", "most"], Bound::AtMost),
    (&["as", "many", "as"], Bound::AtMost),
    (&["as", "much", "as"], Bound::AtMost),
    (&["a", "maximum", "of"], Bound::AtMost),
    (&["maximum", "of"], Bound::AtMost),
    (&["nearly"], Bound::Approx),
    (&["almost"], Bound::Approx),
    (&["about"], Bound::Approx),
    (&["around"], Bound::Approx),
    (&["roughly"], Bound::Approx),
    (&["approximately"], Bound::Approx),
    (&["approx"], Bound::Approx),
    (&["an", "estimated"], Bound::Approx),
    (&["estimated"], Bound::Approx),
    (&["close", "to"], Bound::Approx),
    (&["some"], Bound::Approx),
    (&["circa"], Bound::Approx),
    (&["~"], Bound::Approx),
    (&["exactly"], Bound::Exact),
    (&["precisely"], Bound::Exact),
    (&["equal", "to"], Bound::Exact),
    (&["equals", "to"], Bound::Exact),
    (&["equals"], Bound::Exact),
    (&["equaling", "to"], Bound::Exact),
    (&[">", "="], Bound::AtLeast),
    (&["<", "="], Bound::AtMost),
    (&["≥"], Bound::AtLeast),
    (&["≤"], Bound::AtMost),
    (&[">"], Bound::MoreThan),
    (&["<"], Bound::LessThan),
];

/// Bound phrases written after a number ("200 or more").
pub(crate) const POST_BOUNDS: &[(&[&str], Bound)] = &[
    (&["or", "more"], Bound::AtLeast),
    (&["and", "more"], Bound::AtLeast),
    (&["or", "greater"], Bound::AtLeast),
    (&["or", "above"], Bound::AtLeast),
    (&["or", "over"], Bound::AtLeast),
    (&["or", "higher"], Bound::AtLeast),
    (&["and", "above"], Bound::AtLeast),
    (&["and", "over"], Bound::AtLeast),
    (&["plus"], Bound::AtLeast),
    (&["or", "less"], Bound::AtMost),
    (&["or", "fewer"], Bound::AtMost),
    (&["or", "below"], Bound::AtMost),
    (&["or", "under"], Bound::AtMost),
    (&["or", "so"], Bound::Approx),
    (&["odd"], Bound::Approx),
];

/// Unit category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cat {
    Percent,
    Currency,
    Dimension,
    Temperature,
    Age,
    Duration,
}

/// Units written after a number: tokens (lowercased words or punctuation), unit, category,
/// glued-only (must follow the number without whitespace).
pub(crate) const UNITS: &[(&[&str], &str, Cat, bool)] = &[
    (&["%"], "percent", Cat::Percent, false),
    (&["percent"], "percent", Cat::Percent, false),
    (&["percents"], "percent", Cat::Percent, false),
    (&["per", "cent"], "percent", Cat::Percent, false),
    (
        &["percentage", "points"],
        "percentage_point",
        Cat::Percent,
        false,
    ),
    (
        &["percentage", "point"],
        "percentage_point",
        Cat::Percent,
        false,
    ),
    (&["percentage"], "percent", Cat::Percent, false),
    (&["pct"], "percent", Cat::Percent, false),
    // age (before durations)
    (&["years", "old"], "year", Cat::Age, false),
    (&["year", "old"], "year", Cat::Age, false),
    (&["-", "year", "-", "old"], "year", Cat::Age, true),
    (&["-", "years", "-", "old"], "year", Cat::Age, true),
    (&["years", "of", "age"], "year", Cat::Age, false),
    (&["year", "of", "age"], "year", Cat::Age, false),
    (&["months", "old"], "month", Cat::Age, false),
    (&["month", "old"], "month", Cat::Age, false),
    (&["-", "month", "-", "old"], "month", Cat::Age, true),
    (&["months", "of", "age"], "month", Cat::Age, false),
    (&["weeks", "old"], "week", Cat::Age, false),
    (&["week", "old"], "week", Cat::Age, false),
    (&["weeks", "of", "age"], "week", Cat::Age, false),
    (&["days", "old"], "day", Cat::Age, false),
    (&["day", "old"], "day", Cat::Age, false),
    (&["-", "day", "-", "old"], "day", Cat::Age, true),
    (&["yo"], "year", Cat::Age, false),
    // temperature
    (&["degrees", "celsius"], "celsius", Cat::Temperature, false),
    (&["degree", "celsius"], "celsius", Cat::Temperature, false),
    (
        &["degrees", "centigrade"],
        "celsius",
        Cat::Temperature,
        false,
    ),
    (&["degrees", "c"], "celsius", Cat::Temperature, false),
    (&["deg", "celsius"], "celsius", Cat::Temperature, false),
    (&["deg", "c"], "celsius", Cat::Temperature, false),
    (&["°", "celsius"], "celsius", Cat::Temperature, false),
    (&["°", "c"], "celsius", Cat::Temperature, false),
    (&["℃"], "celsius", Cat::Temperature, false),
    (&["celsius"], "celsius", Cat::Temperature, false),
    (&["celcius"], "celsius", Cat::Temperature, false),
    (&["centigrade"], "celsius", Cat::Temperature, false),
    (&["centigrate"], "celsius", Cat::Temperature, false),
    (&["c"], "celsius", Cat::Temperature, true),
    (
        &["degrees", "fahrenheit"],
        "fahrenheit",
        Cat::Temperature,
        false,
    ),
    (
        &["degree", "fahrenheit"],
        "fahrenheit",
        Cat::Temperature,
        false,
    ),
    (
        &["degrees", "farenheit"],
        "fahrenheit",
        Cat::Temperature,
        false,
    ),
    (&["degrees", "f"], "fahrenheit", Cat::Temperature, false),
    (&["deg", "f"], "fahrenheit", Cat::Temperature, false),
    (&["°", "fahrenheit"], "fahrenheit", Cat::Temperature, false),
    (&["°", "f"], "fahrenheit", Cat::Temperature, false),
    (&["℉"], "fahrenheit", Cat::Temperature, false),
    (&["fahrenheit"], "fahrenheit", Cat::Temperature, false),
    (&["farenheit"], "fahrenheit", Cat::Temperature, false),
    (&["degrees"], "degree", Cat::Temperature, false),
    (&["degree"], "degree", Cat::Temperature, false),
    (&["deg", "."], "degree", Cat::Temperature, false),
    (&["deg"], "degree", Cat::Temperature, false),
    (&["°"], "degree", Cat::Temperature, false),
    // length
    (&["square", "kilometres"], "km2", Cat::Dimension, false),
    (&["square", "kilometers"], "km2", Cat::Dimension, false),
    (&["square", "kilometre"], "km2", Cat::Dimension, false),
    (&["square", "kilometer"], "km2", Cat::Dimension, false),
    (&["sq", "km"], "km2", Cat::Dimension, false),
    (&["km", "2"], "km2", Cat::Dimension, false),
    (&["km", "²"], "km2", Cat::Dimension, false),
    (&["square", "miles"], "mi2", Cat::Dimension, false),
    (&["square", "mile"], "mi2", Cat::Dimension, false),
    (&["sq", "mi"], "mi2", Cat::Dimension, false),
    (&["square", "metres"], "m2", Cat::Dimension, false),
    (&["square", "meters"], "m2", Cat::Dimension, false),
    (&["square", "metre"], "m2", Cat::Dimension, false),
    (&["square", "meter"], "m2", Cat::Dimension, false),
    (&["sq", "m"], "m2", Cat::Dimension, false),
    (&["m", "2"], "m2", Cat::Dimension, true),
    (&["m", "²"], "m2", Cat::Dimension, false),
    (&["square", "feet"], "ft2", Cat::Dimension, false),
    (&["square", "foot"], "ft2", Cat::Dimension, false),
    (&["sq", "ft"], "ft2", Cat::Dimension, false),
    (&["cubic", "feet"], "ft3", Cat::Dimension, false),
    (&["cubic", "foot"], "ft3", Cat::Dimension, false),
    (&["cubic", "metres"], "m3", Cat::Dimension, false),
    (&["cubic", "meters"], "m3", Cat::Dimension, false),
    (&["miles", "per", "hour"], "mph", Cat::Dimension, false),
    (&["miles", "an", "hour"], "mph", Cat::Dimension, false),
    (&["mph"], "mph", Cat::Dimension, false),
    (
        &["kilometres", "per", "hour"],
        "km/h",
        Cat::Dimension,
        false,
    ),
    (
        &["kilometers", "per", "hour"],
        "km/h",
        Cat::Dimension,
        false,
    ),
    (&["kilometres", "an", "hour"], "km/h", Cat::Dimension, false),
    (&["kilometers", "an", "hour"], "km/h", Cat::Dimension, false),
    (&["km", "/", "h"], "km/h", Cat::Dimension, false),
    (&["km", "/", "hr"], "km/h", Cat::Dimension, false),
    (&["km", "/", "hour"], "km/h", Cat::Dimension, false),
    (&["kph"], "km/h", Cat::Dimension, false),
    (&["kmph"], "km/h", Cat::Dimension, false),
    (&["kmh"], "km/h", Cat::Dimension, false),
    (&["knots"], "knot", Cat::Dimension, false),
    (&["kilometres"], "km", Cat::Dimension, false),
    (&["kilometers"], "km", Cat::Dimension, false),
    (&["kilometre"], "km", Cat::Dimension, false),
    (&["kilometer"], "km", Cat::Dimension, false),
    (&["-", "kilometre"], "km", Cat::Dimension, true),
    (&["-", "kilometer"], "km", Cat::Dimension, true),
    (&["km"], "km", Cat::Dimension, false),
    (&["kms"], "km", Cat::Dimension, false),
    (&["-", "km"], "km", Cat::Dimension, true),
    (&["miles"], "mile", Cat::Dimension, false),
    (&["mile"], "mile", Cat::Dimension, false),
    (&["-", "mile"], "mile", Cat::Dimension, true),
    (&["metres"], "m", Cat::Dimension, false),
    (&["meters"], "m", Cat::Dimension, false),
    (&["metre"], "m", Cat::Dimension, false),
    (&["meter"], "m", Cat::Dimension, false),
    (&["-", "metre"], "m", Cat::Dimension, true),
    (&["-", "meter"], "m", Cat::Dimension, true),
    (&["centimetres"], "cm", Cat::Dimension, false),
    (&["centimeters"], "cm", Cat::Dimension, false),
    (&["cm"], "cm", Cat::Dimension, false),
    (&["decimetres"], "dm", Cat::Dimension, false),
    (&["decimeters"], "dm", Cat::Dimension, false),
    (&["decimetre"], "dm", Cat::Dimension, false),
    (&["decimeter"], "dm", Cat::Dimension, false),
    (&["centimetre"], "cm", Cat::Dimension, false),
    (&["centimeter"], "cm", Cat::Dimension, false),
    (&["millimetre"], "mm", Cat::Dimension, false),
    (&["millimeter"], "mm", Cat::Dimension, false),
    (&["micrometres"], "um", Cat::Dimension, false),
    (&["micrometers"], "um", Cat::Dimension, false),
    (&["micrometre"], "um", Cat::Dimension, false),
    (&["micrometer"], "um", Cat::Dimension, false),
    (&["microns"], "um", Cat::Dimension, false),
    (&["micron"], "um", Cat::Dimension, false),
    (&["nanometres"], "nm", Cat::Dimension, false),
    (&["nanometers"], "nm", Cat::Dimension, false),
    (&["nanometre"], "nm", Cat::Dimension, false),
    (&["nanometer"], "nm", Cat::Dimension, false),
    (&["picometres"], "pm", Cat::Dimension, false),
    (&["picometers"], "pm", Cat::Dimension, false),
    (&["picometre"], "pm", Cat::Dimension, false),
    (&["picometer"], "pm", Cat::Dimension, false),
    (&["millimetres"], "mm", Cat::Dimension, false),
    (&["millimeters"], "mm", Cat::Dimension, false),
    (&["mm"], "mm", Cat::Dimension, false),
    (&["-", "mm"], "mm", Cat::Dimension, true),
    (&["feet"], "ft", Cat::Dimension, false),
    (&["foot"], "ft", Cat::Dimension, false),
    (&["-", "foot"], "ft", Cat::Dimension, true),
    (&["-", "feet"], "ft", Cat::Dimension, true),
    (&["ft"], "ft", Cat::Dimension, false),
    (&["inches"], "inch", Cat::Dimension, false),
    (&["inch"], "inch", Cat::Dimension, false),
    (&["-", "inch"], "inch", Cat::Dimension, true),
    (&["yards"], "yard", Cat::Dimension, false),
    (&["yard"], "yard", Cat::Dimension, false),
    (&["-", "yard"], "yard", Cat::Dimension, true),
    (&["nautical", "miles"], "nmi", Cat::Dimension, false),
    (&["hectares"], "ha", Cat::Dimension, false),
    (&["hectare"], "ha", Cat::Dimension, false),
    (&["ha"], "ha", Cat::Dimension, true),
    (&["acres"], "acre", Cat::Dimension, false),
    (&["acre"], "acre", Cat::Dimension, false),
    (&["-", "acre"], "acre", Cat::Dimension, true),
    // mass
    (&["metric", "tonnes"], "tonne", Cat::Dimension, false),
    (&["metric", "tons"], "tonne", Cat::Dimension, false),
    (&["metric", "ton"], "tonne", Cat::Dimension, false),
    (&["tonnes"], "tonne", Cat::Dimension, false),
    (&["tonne"], "tonne", Cat::Dimension, false),
    (&["-", "tonne"], "tonne", Cat::Dimension, true),
    (&["tons"], "ton", Cat::Dimension, false),
    (&["ton"], "ton", Cat::Dimension, false),
    (&["-", "ton"], "ton", Cat::Dimension, true),
    (&["t"], "tonne", Cat::Dimension, true),
    (&["kilograms"], "kg", Cat::Dimension, false),
    (&["kilogram"], "kg", Cat::Dimension, false),
    (&["kilogrammes"], "kg", Cat::Dimension, false),
    (&["kilos"], "kg", Cat::Dimension, false),
    (&["kg"], "kg", Cat::Dimension, false),
    (&["kgs"], "kg", Cat::Dimension, false),
    (&["(", "kg", ")"], "kg", Cat::Dimension, false),
    (&["[", "kg", "]"], "kg", Cat::Dimension, false),
    (&["{", "kg", "}"], "kg", Cat::Dimension, false),
    (&["<", "kg", ">"], "kg", Cat::Dimension, false),
    (&["micrograms"], "ug", Cat::Dimension, false),
    (&["microgram"], "ug", Cat::Dimension, false),
    (&["microgrammes"], "ug", Cat::Dimension, false),
    (&["μg"], "ug", Cat::Dimension, false),
    (&["mcg"], "ug", Cat::Dimension, false),
    (&["milligrams"], "mg", Cat::Dimension, false),
    (&["milligram"], "mg", Cat::Dimension, false),
    (&["mg"], "mg", Cat::Dimension, false),
    (&["grams"], "g", Cat::Dimension, false),
    (&["gram"], "g", Cat::Dimension, false),
    (&["grammes"], "g", Cat::Dimension, false),
    (&["g"], "g", Cat::Dimension, true),
    (&["pounds"], "lb", Cat::Dimension, false),
    (&["pound"], "lb", Cat::Dimension, false),
    (&["lbs"], "lb", Cat::Dimension, false),
    (&["lb"], "lb", Cat::Dimension, false),
    (&["ounces"], "oz", Cat::Dimension, false),
    (&["ounce"], "oz", Cat::Dimension, false),
    (&["-", "ounce"], "oz", Cat::Dimension, true),
    (&["oz"], "oz", Cat::Dimension, false),
    (&["drachma"], "dram", Cat::Dimension, false),
    // volume
    (&["litres"], "l", Cat::Dimension, false),
    (&["liters"], "l", Cat::Dimension, false),
    (&["litre"], "l", Cat::Dimension, false),
    (&["liter"], "l", Cat::Dimension, false),
    (&["l"], "l", Cat::Dimension, true),
    (&["millilitres"], "ml", Cat::Dimension, false),
    (&["milliliters"], "ml", Cat::Dimension, false),
    (&["ml"], "ml", Cat::Dimension, false),
    (&["gallons"], "gallon", Cat::Dimension, false),
    (&["gallon"], "gallon", Cat::Dimension, false),
    (&["-", "gallon"], "gallon", Cat::Dimension, true),
    (&["barrels"], "barrel", Cat::Dimension, false),
    (&["barrel"], "barrel", Cat::Dimension, false),
    (&["tablespoons"], "tablespoon", Cat::Dimension, false),
    (&["tablespoon"], "tablespoon", Cat::Dimension, false),
    (&["teaspoons"], "teaspoon", Cat::Dimension, false),
    (&["teaspoon"], "teaspoon", Cat::Dimension, false),
    (&["cups"], "cup", Cat::Dimension, false),
    (&["cup"], "cup", Cat::Dimension, false),
    // energy, data, angle
    (&["mw"], "MW", Cat::Dimension, false),
    (&["megawatts"], "MW", Cat::Dimension, false),
    (&["gw"], "GW", Cat::Dimension, false),
    (&["gigawatts"], "GW", Cat::Dimension, false),
    (&["kw"], "kW", Cat::Dimension, false),
    (&["kilowatts"], "kW", Cat::Dimension, false),
    (&["kwh"], "kWh", Cat::Dimension, false),
    (&["-", "bit"], "bit", Cat::Dimension, true),
    (&["bits"], "bit", Cat::Dimension, false),
    (&["rad"], "rad", Cat::Dimension, true),
    (&["turns"], "turn", Cat::Dimension, false),
    (&["turn"], "turn", Cat::Dimension, false),
    // durations
    (&["years"], "duration:year", Cat::Duration, false),
    (&["year"], "duration:year", Cat::Duration, false),
    (&["-", "year"], "duration:year", Cat::Duration, true),
    (&["decades"], "duration:decade", Cat::Duration, false),
    (&["months"], "duration:month", Cat::Duration, false),
    (&["month"], "duration:month", Cat::Duration, false),
    (&["-", "month"], "duration:month", Cat::Duration, true),
    (&["weeks"], "duration:week", Cat::Duration, false),
    (&["week"], "duration:week", Cat::Duration, false),
    (&["-", "week"], "duration:week", Cat::Duration, true),
    (&["days"], "duration:day", Cat::Duration, false),
    (&["day"], "duration:day", Cat::Duration, false),
    (&["-", "day"], "duration:day", Cat::Duration, true),
    (&["hours"], "duration:hour", Cat::Duration, false),
    (&["hour"], "duration:hour", Cat::Duration, false),
    (&["-", "hour"], "duration:hour", Cat::Duration, true),
    (&["minutes"], "duration:minute", Cat::Duration, false),
    (&["minute"], "duration:minute", Cat::Duration, false),
    (&["-", "minute"], "duration:minute", Cat::Duration, true),
    (&["seconds"], "duration:second", Cat::Duration, false),
];

/// Glued metric symbols that are ambiguous when spaced ("5 m"): only after digits, no space,
/// or with one space when followed by punctuation / end.
pub(crate) const GLUED_SYMBOL_UNITS: &[(&str, &str)] = &[
    ("m", "m"),
    ("km", "km"),
    ("cm", "cm"),
    ("mm", "mm"),
    ("dm", "dm"),
    ("pm", "pm"),
    ("mb", "MB"),
    ("gb", "GB"),
    ("tb", "TB"),
    ("kb", "KB"),
];

/// Currency words after a number. `(tokens, code)`.
pub(crate) const CUR_SUFFIX: &[(&[&str], &str)] = &[
    (&["us", "dollars"], "USD"),
    (&["us", "dollar"], "USD"),
    (&["u", ".", "s", ".", "dollars"], "USD"),
    (&["american", "dollars"], "USD"),
    (&["australian", "dollars"], "AUD"),
    (&["canadian", "dollars"], "CAD"),
    (&["hong", "kong", "dollars"], "HKD"),
    (&["new", "zealand", "dollars"], "NZD"),
    (&["singapore", "dollars"], "SGD"),
    (&["taiwan", "dollars"], "TWD"),
    (&["dollars"], "USD"),
    (&["dollar"], "USD"),
    (&["-", "dollar"], "USD"),
    (&["euros"], "EUR"),
    (&["euro"], "EUR"),
    (&["pounds", "sterling"], "GBP"),
    (&["pound", "sterling"], "GBP"),
    (&["british", "pounds"], "GBP"),
    (&["sterling"], "GBP"),
    (&["pence"], "GBX"),
    (&["penny"], "GBX"),
    (&["p"], "GBX"),
    (&["cents"], "cent"),
    (&["cent"], "cent"),
    (&["-", "cent"], "cent"),
    (&["c"], "cent"),
    (&["roubles"], "RUB"),
    (&["rubles"], "RUB"),
    (&["rouble"], "RUB"),
    (&["ruble"], "RUB"),
    (&["japanese", "yen"], "JPY"),
    (&["yen"], "JPY"),
    (&["-", "yen"], "JPY"),
    (&["chinese", "yuan"], "CNY"),
    (&["yuan"], "CNY"),
    (&["renminbi"], "CNY"),
    (&["kuai"], "CNY"),
    (&["元"], "CNY"),
    (&["indian", "rupees"], "INR"),
    (&["pakistani", "rupees"], "PKR"),
    (&["rupees"], "INR"),
    (&["rupee"], "INR"),
    (&["swiss", "francs"], "CHF"),
    (&["swiss", "franc"], "CHF"),
    (&["francs"], "franc"),
    (&["franc"], "franc"),
    (&["turkish", "lira"], "TRY"),
    (&["lira"], "TRY"),
    (&["mexican", "pesos"], "MXN"),
    (&["pesos"], "peso"),
    (&["finnish", "markka"], "FIM"),
    (&["dutch", "guilders"], "NLG"),
    (&["guilders"], "NLG"),
    (&["pesetas"], "ESP"),
    (&["riyals"], "SAR"),
    (&["dirhams"], "AED"),
    (&["shekels"], "ILS"),
    (&["hryvnias"], "UAH"),
    (&["hryvnia"], "UAH"),
    (&["naira"], "NGN"),
    (&["rand"], "ZAR"),
    (&["bitcoins"], "BTC"),
    (&["bitcoin"], "BTC"),
    (&["satoshis"], "satoshi"),
    (&["€"], "EUR"),
    (&["$"], "USD"),
    (&["£"], "GBP"),
    (&["₽"], "RUB"),
    (&["₡"], "CRC"),
    (&["₾"], "GEL"),
    (&["₭"], "LAK"),
    (&["ரூ"], "LKR"),
];

/// ISO codes recognised before or after a number.
pub(crate) const ISO: &[&str] = &[
    "usd", "eur", "gbp", "rub", "jpy", "cny", "rmb", "chf", "cad", "aud", "inr", "sek", "nok",
    "dkk", "try", "mxn", "brl", "zar", "sar", "aed", "ils", "uah", "krw", "hkd", "nzd", "sgd",
    "pln", "btc",
];

/// Normalise an ISO code or alias ("rmb" → "CNY").
pub(crate) fn iso_norm(w: &str) -> Option<&'static str> {
    if w.len() != 3 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 3];
    buf.copy_from_slice(w.as_bytes());
    buf.make_ascii_lowercase();
    let w = std::str::from_utf8(&buf).unwrap_or("");
    let code = match w {
        "rmb" => "CNY",
        _ => {
            let i = ISO.iter().position(|c| *c == w)?;
            ISO_UP[i]
        }
    };
    Some(code)
}

const ISO_UP: &[&str] = &[
    "USD", "EUR", "GBP", "RUB", "JPY", "CNY", "CNY", "CHF", "CAD", "AUD", "INR", "SEK", "NOK",
    "DKK", "TRY", "MXN", "BRL", "ZAR", "SAR", "AED", "ILS", "UAH", "KRW", "HKD", "NZD", "SGD",
    "PLN", "BTC",
];

/// Currency symbols before a number.
pub(crate) fn cur_symbol(c: char) -> Option<&'static str> {
    Some(match c {
        '$' => "USD",
        '£' => "GBP",
        '€' => "EUR",
        '¥' => "JPY",
        '₽' => "RUB",
        '₹' => "INR",
        '₩' => "KRW",
        '₺' => "TRY",
        '₿' => "BTC",
        '₪' => "ILS",
        '₴' => "UAH",
        '₦' => "NGN",
        _ => return None,
    })
}

/// Qualifier written before "$": "US$", "C$", "HK$".
pub(crate) fn dollar_prefix(w: &str) -> Option<&'static str> {
    Some(match w {
        "us" | "usd" => "USD",
        "c" | "ca" | "can" | "cad" => "CAD",
        "a" | "au" | "aud" => "AUD",
        "hk" | "hkd" => "HKD",
        "nz" | "nzd" => "NZD",
        "s" | "sgd" => "SGD",
        "mex" | "mxn" => "MXN",
        "r" => "BRL",
        "nt" => "TWD",
        _ => return None,
    })
}

/// Month names and abbreviations.
pub(crate) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Lowercase nouns that make a following number an identifier ("page 5", "article 3").
pub(crate) fn is_id_noun(w: &str) -> bool {
    matches!(
        w,
        "p" | "pp"
            | "page"
            | "pages"
            | "no"
            | "nos"
            | "nr"
            | "nrs"
            | "number"
            | "article"
            | "articles"
            | "section"
            | "chapter"
            | "paragraph"
            | "clause"
            | "rule"
            | "item"
            | "step"
            | "version"
            | "v"
            | "vol"
            | "volume"
            | "issue"
            | "episode"
            | "season"
            | "flight"
            | "route"
            | "room"
            | "gate"
            | "platform"
            | "exit"
            | "highway"
            | "channel"
            | "level"
            | "phase"
            | "stage"
            | "grade"
            | "resolution"
            | "decree"
            | "law"
            | "act"
            | "apartment"
            | "building"
            | "block"
            | "unit"
            | "lot"
            | "seat"
            | "row"
            | "pier"
            | "bus"
            | "line"
            | "figure"
            | "fig"
            | "table"
            | "appendix"
            | "annex"
            | "verse"
            | "psalm"
            | "op"
            | "opus"
            | "no."
            | "tel"
            | "phone"
            | "fax"
            | "ext"
            | "code"
            | "zip"
            | "postcode"
            | "id"
            | "ref"
            | "category"
            | "class"
            | "type"
            | "model"
            | "mark"
            | "mk"
            | "series"
            | "division"
            | "district"
            | "ward"
            | "zone"
            | "sector"
            | "camp"
            | "terminal"
            | "runway"
            | "track"
            | "lane"
            | "hole"
            | "round"
            | "game"
            | "match"
            | "week"
            | "day"
            | "year"
            | "hour"
            | "floor"
            | "box"
            | "bed"
            | "cell"
            | "account"
            | "member"
            | "candidate"
            | "player"
            | "amendment"
            | "protocol"
            | "paragraphs"
            | "sections"
            | "articles."
            | "iii"
            | "ii"
    )
}

/// Capitalised words that may precede a count at the start of a sentence without making it an identifier.
pub(crate) fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "about"
            | "around"
            | "some"
            | "nearly"
            | "almost"
            | "over"
            | "under"
            | "and"
            | "but"
            | "or"
            | "only"
            | "just"
            | "all"
            | "another"
            | "its"
            | "their"
            | "his"
            | "her"
            | "our"
            | "my"
            | "your"
            | "those"
            | "these"
            | "than"
            | "to"
            | "from"
            | "between"
            | "up"
            | "more"
            | "less"
            | "fewer"
            | "at least"
            | "roughly"
            | "approximately"
            | "another's"
            | "least"
            | "most"
            | "as"
            | "while"
            | "when"
            | "after"
            | "before"
            | "since"
            | "until"
            | "if"
            | "though"
            | "although"
            | "because"
            | "so"
            | "yet"
            | "also"
            | "then"
            | "there"
            | "here"
            | "we"
            | "they"
            | "he"
            | "she"
            | "it"
            | "i"
            | "you"
            | "who"
            | "that"
            | "this"
            | "which"
            | "what"
            | "where"
            | "why"
            | "how"
            | "every"
            | "each"
            | "no"
            | "not"
            | "nor"
            | "both"
            | "either"
            | "neither"
            | "many"
            | "much"
            | "several"
            | "estimated"
            | "exactly"
            | "above"
            | "below"
            | "into"
            | "onto"
            | "per"
            | "via"
            | "among"
            | "across"
            | "through"
            | "during"
            | "within"
            | "without"
            | "against"
            | "toward"
            | "towards"
            | "upon"
            | "including"
            | "plus"
            | "minus"
            | "well"
            | "still"
            | "even"
            | "already"
            | "now"
            | "today"
            | "yesterday"
    )
}

/// Count-type cue words (single lowercased tokens).
pub(crate) fn cue(w: &str) -> Option<&'static str> {
    Some(match w {
        "killed" | "kill" | "kills" | "killing" | "killings" | "dead" | "died" | "die" | "dies"
        | "dying" | "deaths" | "death" | "slain" | "massacred" | "murdered" | "executed"
        | "perished" | "fatalities" | "fatality" | "fatally" | "bodies" | "corpses" | "drowned"
        | "beheaded" | "lives" => "KILL",
        "wounded" | "wounding" | "wounds" | "injured" | "injuring" | "injuries" | "injures"
        | "hurt" | "maimed" | "hospitalised" | "hospitalized" | "casualties" => "WOUND",
        "arrested" | "arrest" | "arrests" | "arresting" | "detained" | "detain" | "detaining"
        | "detainees" | "detention" | "jailed" | "imprisoned" | "apprehended" | "custody"
        | "rounded" | "prisoners" | "captured" => "ARREST",
        "kidnapped" | "kidnap" | "kidnapping" | "kidnappings" | "abducted" | "abduction"
        | "abductions" | "abducting" | "hostages" | "hostage" | "captives" | "kidnaped" => "KIDNAP",
        "fled" | "flee" | "flees" | "fleeing" | "displaced" | "displacement" | "refugees"
        | "refugee" | "uprooted" | "escaped" | "asylum" | "migrants" | "idps" => {
            "DISPLACED/REFUGEES"
        }
        "evacuated" | "evacuate" | "evacuating" | "evacuation" | "evacuees" | "bussed"
        | "bused" | "relocated" => "EVACUATED",
        "protesters" | "protestors" | "protested" | "protest" | "protests" | "protesting"
        | "demonstrators" | "demonstrated" | "rallied" | "rally" | "rallies" | "marched"
        | "marchers" | "strikers" => "PROTEST",
        "seized" | "seize" | "seizing" | "seizure" | "seizures" | "confiscated" | "confiscate"
        | "impounded" | "intercepted" => "SEIZE",
        "affected" | "affecting" | "homeless" | "stranded" | "trapped" | "besieged" | "need"
        | "needy" | "starving" | "sheltered" | "shelters" => "AFFECT",
        "sickened" | "infected" | "ill" | "poisoned" => "SICKENED",
        _ => return None,
    })
}

/// Words that end a noun phrase after a number (function words, auxiliaries, common verbs).
pub(crate) fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "against"
            | "versus"
            | "vs"
            | "along"
            | "behind"
            | "beyond"
            | "near"
            | "inside"
            | "outside"
            | "within"
            | "without"
            | "toward"
            | "towards"
            | "through"
            | "throughout"
            | "despite"
            | "amid"
            | "via"
            | "like"
            | "unlike"
            | "upon"
            | "across"
            | "aboard"
            | "onboard"
            | "the"
            | "a"
            | "an"
            | "of"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "with"
            | "to"
            | "from"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "as"
            | "than"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "there"
            | "here"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "am"
            | "has"
            | "have"
            | "had"
            | "having"
            | "do"
            | "does"
            | "did"
            | "will"
            | "would"
            | "shall"
            | "should"
            | "can"
            | "could"
            | "may"
            | "might"
            | "must"
            | "not"
            | "no"
            | "it"
            | "its"
            | "they"
            | "them"
            | "their"
            | "he"
            | "she"
            | "his"
            | "her"
            | "we"
            | "our"
            | "you"
            | "your"
            | "i"
            | "me"
            | "my"
            | "said"
            | "say"
            | "says"
            | "according"
            | "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "also"
            | "then"
            | "when"
            | "where"
            | "while"
            | "after"
            | "before"
            | "since"
            | "until"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "about"
            | "around"
            | "among"
            | "between"
            | "during"
            | "per"
            | "each"
            | "every"
            | "all"
            | "both"
            | "some"
            | "any"
            | "other"
            | "such"
            | "so"
            | "if"
            | "because"
            | "though"
            | "although"
            | "what"
            | "how"
            | "why"
            | "up"
            | "down"
            | "out"
            | "off"
            | "away"
            | "ago"
            | "later"
            | "earlier"
            | "last"
            | "next"
            | "times"
            | "time"
            | "percent"
            | "per cent"
            | "points"
            | "including"
            | "just"
            | "only"
            | "still"
            | "even"
            | "yet"
            | "already"
            | "again"
            | "now"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "reportedly"
            | "allegedly"
            | "managed"
            | "remain"
            | "remained"
            | "remains"
            | "reported"
            | "believed"
            | "thought"
            | "feared"
            | "got"
            | "get"
            | "gets"
            | "went"
            | "go"
            | "came"
            | "come"
            | "took"
            | "take"
            | "made"
            | "make"
            | "left"
            | "leave"
            | "live"
            | "lived"
            | "work"
            | "worked"
            | "lost"
            | "lose"
            | "out of"
            | "year"
            | "years"
            | "month"
            | "months"
            | "day"
            | "days"
            | "week"
            | "weeks"
            | "hours"
            | "minutes"
    )
}

/// Irregular plural nouns counted in news.
pub(crate) fn is_irregular_plural(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "children"
            | "men"
            | "women"
            | "police"
            | "personnel"
            | "staff"
            | "cattle"
            | "sheep"
            | "livestock"
            | "militia"
            | "crew"
            | "fish"
            | "deer"
            | "aircraft"
            | "youth"
            | "persons"
            | "folk"
            | "infantry"
            | "clergy"
            | "mice"
            | "geese"
            | "teeth"
            | "feet"
            | "offspring"
            | "poultry"
    )
}
