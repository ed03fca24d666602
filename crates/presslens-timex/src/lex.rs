//! Word lists: months, weekdays, numbers, units, seasons.

/// Temporal unit of a duration or a relative expression.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Unit {
    Sec,
    Min,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// Month number (1-12) of a month name or abbreviation (lowercase input).
pub(crate) fn month(w: &str) -> Option<(u32, bool)> {
    // (month, is_abbreviation)
    Some(match w {
        "january" => (1, false),
        "february" => (2, false),
        "march" => (3, false),
        "april" => (4, false),
        "may" => (5, false),
        "june" => (6, false),
        "july" => (7, false),
        "august" => (8, false),
        "september" => (9, false),
        "october" => (10, false),
        "november" => (11, false),
        "december" => (12, false),
        "jan" => (1, true),
        "feb" => (2, true),
        "mar" => (3, true),
        "apr" => (4, true),
        "jun" => (6, true),
        "jul" => (7, true),
        "aug" => (8, true),
        "sep" | "sept" => (9, true),
        "oct" => (10, true),
        "nov" => (11, true),
        "dec" => (12, true),
        _ => return None,
    })
}

/// Weekday number, Monday = 1 ... Sunday = 7; second field: plural ("Fridays").
pub(crate) fn weekday(w: &str) -> Option<(u32, bool)> {
    Some(match w {
        "monday" => (1, false),
        "tuesday" => (2, false),
        "wednesday" => (3, false),
        "thursday" => (4, false),
        "friday" => (5, false),
        "saturday" => (6, false),
        "sunday" => (7, false),
        "mondays" => (1, true),
        "tuesdays" => (2, true),
        "wednesdays" => (3, true),
        "thursdays" => (4, true),
        "fridays" => (5, true),
        "saturdays" => (6, true),
        "sundays" => (7, true),
        _ => return None,
    })
}

/// A unit word; second field: plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    use Unit::*;
    Some(match w {
        "second" => (Sec, false),
        "seconds" => (Sec, true),
        "minute" => (Min, false),
        "minutes" => (Min, true),
        "hour" => (Hour, false),
        "hours" => (Hour, true),
        "day" => (Day, false),
        "days" => (Day, true),
        "week" => (Week, false),
        "weeks" => (Week, true),
        "weekend" => (Weekend, false),
        "weekends" => (Weekend, true),
        "month" => (Month, false),
        "months" => (Month, true),
        "quarter" => (Quarter, false),
        "quarters" => (Quarter, true),
        "year" => (Year, false),
        "years" => (Year, true),
        "decade" => (Decade, false),
        "decades" => (Decade, true),
        "century" => (Century, false),
        "centuries" => (Century, true),
        _ => return None,
    })
}

/// Cardinal number words below 100.
pub(crate) fn small_number(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "dozen" => 12,
        _ => return None,
    })
}

/// Ordinal words and numerals 1..4 (for quarters and halves).
pub(crate) fn ordinal(w: &str) -> Option<u32> {
    Some(match w {
        "first" | "1st" => 1,
        "second" | "2nd" => 2,
        "third" | "3rd" => 3,
        "fourth" | "4th" => 4,
        _ => return None,
    })
}

/// Season code and its order in the year (winter last).
pub(crate) fn season(w: &str) -> Option<(&'static str, u32)> {
    Some(match w {
        "spring" => ("SP", 1),
        "summer" => ("SU", 2),
        "fall" | "autumn" => ("FA", 3),
        "winter" => ("WI", 4),
        _ => return None,
    })
}

/// Part of day suffix code.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" => "NI",
        _ => return None,
    })
}

/// Time zone abbreviations that may follow a clock time.
pub(crate) fn is_zone(w: &str) -> bool {
    matches!(
        w,
        "est"
            | "edt"
            | "cst"
            | "cdt"
            | "mst"
            | "mdt"
            | "pst"
            | "pdt"
            | "gmt"
            | "utc"
            | "et"
            | "bst"
            | "cet"
    )
}

/// Lowercase nouns that, after a 4-digit number, show it is a count and not a year.
pub(crate) fn is_count_noun(w: &str) -> bool {
    matches!(
        w,
        "people"
            | "persons"
            | "troops"
            | "soldiers"
            | "cases"
            | "deaths"
            | "votes"
            | "jobs"
            | "workers"
            | "employees"
            | "shares"
            | "units"
            | "cars"
            | "homes"
            | "houses"
            | "students"
            | "members"
            | "residents"
            | "points"
            | "feet"
            | "foot"
            | "meters"
            | "metres"
            | "miles"
            | "kilometers"
            | "kilometres"
            | "tons"
            | "tonnes"
            | "pounds"
            | "dollars"
            | "barrels"
            | "acres"
            | "hours"
            | "minutes"
            | "seconds"
            | "days"
            | "years"
            | "times"
            | "percent"
            | "per"
            | "plus"
            | "more"
            | "others"
    )
}
