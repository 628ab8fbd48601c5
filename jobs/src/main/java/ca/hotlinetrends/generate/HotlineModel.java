package ca.hotlinetrends.generate;

import java.util.Map;

/**
 * The shape of a synthetic hotline export, from public figures on Canadian hotline data: about 250 to
 * 470 cases a year from 2019 to 2024 (a record in 2024), about 8.5 contacts per case on average (linked
 * contacts plus contacts that open no case), about 1.4 potential victims per case, sex trafficking about
 * 69% of cases and labour trafficking about 6% in 2020-22 rising to about four times that count in 2024,
 * victims and survivors about 38% of callers, most cases in Ontario then Alberta, British Columbia and
 * Quebec, about 13% in smaller communities, very few in the territories; about 2,600 contacts in 2020
 * rising to over 5,100 in 2024. Plain constants: no state.
 */
final class HotlineModel {

    private HotlineModel() {}

    /** The hotline opened on this day; nothing is dated earlier. */
    static final java.time.LocalDate OPENED = java.time.LocalDate.of(2019, 5, 1);

    /** Cases opened per year at full-year rate (2019 is prorated from May by the calendar). */
    static final Map<Integer, Double> CASES_PER_YEAR = Map.of(
            2019, 255.0, 2020, 300.0, 2021, 318.0, 2022, 342.0, 2023, 405.0, 2024, 472.0, 2025, 468.0, 2026, 485.0);

    /** Contacts per year at full-year rate. */
    static final Map<Integer, Double> CONTACTS_PER_YEAR = Map.of(
            2019, 2300.0, 2020, 2620.0, 2021, 3050.0, 2022, 3560.0, 2023, 4380.0, 2024, 5160.0, 2025, 5290.0, 2026,
            5420.0);

    /** Mean contacts linked to one case. */
    static final double LINKED_CONTACTS_PER_CASE = 5.4;

    /** Quarterly seasonality (mean 1): fewer contacts in winter, more in summer. */
    static final double[] SEASON = {0.91, 1.01, 1.07, 1.01};

    /** Share of labour trafficking among cases, by year: about 6% in 2020-22, four times the count by 2024. */
    static final Map<Integer, Double> LABOUR_SHARE = Map.of(
            2019, 0.055, 2020, 0.058, 2021, 0.060, 2022, 0.066, 2023, 0.115, 2024, 0.160, 2025, 0.175, 2026, 0.185);

    /** Provinces and territories by share of cases. */
    static final String[] PROVINCES = {"ON", "AB", "BC", "QC", "MB", "SK", "NS", "NB", "NL", "PE", "YT", "NT", "NU"};

    static final double[] PROVINCE_WEIGHTS = {54.0, 12.5, 10.5, 9.5, 4.2, 3.1, 2.8, 1.3, 0.8, 0.4, 0.3, 0.35, 0.25};

    static final String[] COMMUNITY = {"URBAN_LARGE", "URBAN_SMALL", "RURAL_REMOTE", "UNKNOWN"};
    static final double[] COMMUNITY_WEIGHTS = {79, 9, 4, 8};
    /** The territories have no centre of 100,000 or more. */
    static final double[] COMMUNITY_WEIGHTS_TERRITORIES = {0, 70, 25, 5};

    static final String[] CHANNELS = {"PHONE", "TEXT", "CHAT", "EMAIL", "WEBFORM"};
    static final double[] CHANNEL_WEIGHTS = {56, 12, 14, 10, 8};

    static final String[] CALLER_TYPES = {
        "VICTIM_SURVIVOR",
        "FAMILY_FRIEND",
        "COMMUNITY_MEMBER",
        "SERVICE_PROVIDER",
        "LAW_ENFORCEMENT",
        "GOVERNMENT",
        "BUSINESS_EMPLOYER",
        "OTHER",
        "UNKNOWN"
    };
    static final double[] CALLER_WEIGHTS = {38, 17, 12, 18, 5, 2, 2, 3, 3};

    static final String[] LE_REPORT = {
        "REPORTED_CONSENT", "REPORTED_IMMINENT_DANGER", "REPORTED_REQUIRED_BY_LAW", "NOT_REPORTED", "UNKNOWN"
    };
    static final double[] LE_REPORT_WEIGHTS_CASE = {14, 3, 2, 76, 5};

    static final String[] OTHER_TYPES = {"SEX_AND_LABOUR", "OTHER", "NOT_SPECIFIED"};
    static final double[] OTHER_TYPE_WEIGHTS = {3.5, 8, 12};

    static final String[] GENDERS = {"WOMAN", "MAN", "GENDER_DIVERSE", "UNKNOWN"};
    static final double[] GENDER_SEX = {88, 4, 3, 5};
    static final double[] GENDER_LABOUR = {33, 60, 1, 6};
    static final double[] GENDER_OTHER = {60, 28, 2, 10};

    static final String[] AGES = {"UNDER_18", "18_24", "25_34", "35_44", "45_PLUS", "UNKNOWN"};
    static final double[] AGE_SEX = {18, 38, 22, 7, 3, 12};
    static final double[] AGE_LABOUR = {2, 16, 36, 25, 13, 8};

    static final String[] STATUS = {
        "CITIZEN",
        "PERMANENT_RESIDENT",
        "TEMPORARY_FOREIGN_WORKER",
        "INTERNATIONAL_STUDENT",
        "OTHER_TEMPORARY",
        "NO_STATUS",
        "UNKNOWN"
    };
    static final double[] STATUS_SEX = {70, 6, 2, 5, 3, 2, 12};
    static final double[] STATUS_LABOUR = {6, 5, 55, 12, 7, 8, 7};

    static final String[] INDUSTRIES = {
        "ESCORT",
        "ILLICIT_MASSAGE",
        "RESIDENTIAL",
        "DOMESTIC_WORK",
        "AGRICULTURE",
        "CONSTRUCTION",
        "HOSPITALITY",
        "FOOD_SERVICE",
        "MANUFACTURING",
        "OTHER",
        "UNKNOWN"
    };
    static final double[] INDUSTRY_SEX = {38, 14, 24, 1, 0, 0, 3, 1, 0, 6, 13};
    static final double[] INDUSTRY_LABOUR = {0, 2, 2, 14, 27, 11, 11, 14, 8, 5, 6};
    static final double[] INDUSTRY_OTHER = {6, 3, 12, 6, 4, 2, 4, 4, 2, 20, 37};

    static final String[] RECRUITERS = {
        "INTIMATE_PARTNER",
        "FAMILY",
        "FRIEND_ACQUAINTANCE",
        "EMPLOYER",
        "RECRUITER_AGENCY",
        "STRANGER",
        "OTHER",
        "UNKNOWN"
    };
    static final double[] RECRUITER_SEX = {42, 6, 16, 2, 2, 6, 4, 22};
    static final double[] RECRUITER_LABOUR = {2, 5, 7, 48, 24, 2, 3, 9};

    static final String[] MEANS = {
        "EMOTIONAL_ABUSE",
        "PHYSICAL_ABUSE",
        "SEXUAL_ABUSE",
        "ECONOMIC_ABUSE",
        "DEBT_BONDAGE",
        "THREATS",
        "ISOLATION",
        "DOCUMENT_CONFISCATION",
        "SUBSTANCE_DEPENDENCY",
        "IMMIGRATION_THREATS",
        "OTHER"
    };
    /** Probability that each means of control is reported, given the record has any information. */
    static final double[] MEANS_SEX = {0.62, 0.41, 0.33, 0.37, 0.18, 0.36, 0.30, 0.06, 0.21, 0.04, 0.05};

    static final double[] MEANS_LABOUR = {0.35, 0.12, 0.03, 0.71, 0.38, 0.40, 0.27, 0.42, 0.02, 0.45, 0.06};

    static final String[] SERVICES = {
        "SHELTER",
        "COUNSELLING",
        "LEGAL",
        "IMMIGRATION",
        "LAW_ENFORCEMENT",
        "HEALTH",
        "FINANCIAL",
        "TRANSPORTATION",
        "EMPLOYMENT",
        "OTHER"
    };
    static final double[] SERVICES_SEX = {0.44, 0.52, 0.18, 0.05, 0.21, 0.16, 0.14, 0.09, 0.04, 0.06};
    static final double[] SERVICES_LABOUR = {0.25, 0.22, 0.41, 0.48, 0.14, 0.09, 0.22, 0.06, 0.31, 0.05};

    /** Share of victim records with any information on means of control / services requested. */
    static final double MEANS_KNOWN = 0.72;

    static final double SERVICES_KNOWN = 0.81;

    static double annual(Map<Integer, Double> byYear, int year) {
        Double value = byYear.get(year);
        if (value != null) {
            return value;
        }
        int nearest = year < 2019 ? 2019 : 2026;
        return byYear.get(nearest);
    }
}
