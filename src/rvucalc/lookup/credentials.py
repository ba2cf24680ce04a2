"""A practitioner's credential, type or CMS specialty code as a batch provider cell and ``--provider`` (the command
line's and the Python API's ``provider``) name them: one reading for ``rvucalc price``, ``rvucalc batch`` and
``Pricer.price``. Moved from ``batch.lines``, which reads its provider column by it; the API (``lookup.arguments``)
may not import ``batch``."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rvucalc.engine.modifiers import RTM_DEVICE_CODES, THERAPY_EVALUATIONS
from rvucalc.errors import RvucalcError, UsageError, option
from rvucalc.lookup.lines import PROVIDERS

# A provider cell (batch.columns' provider role) as ``--provider`` names it: the practitioner's type, credential or
# CMS provider specialty code (the Medicare specialty codes of CMS's claims data, e.g. the Blue Button / ResDAC
# PRVDR_SPCLTY table: 50 Nurse practitioner, 89 Certified clinical nurse specialist, 97 Physician assistant). Read
# in lower case, without '.', with '-' and '_' as spaces ('M.D.', 'PA-C').
# Physicians are also doctors of dental surgery or dental medicine, podiatric medicine (a podiatrist, CMS specialty 48)
# and optometry (Social Security Act §1861(r), each within the scope of their license): paid the full PFS amount. A
# chiropractor (DC, specialty 35) is a physician for the manual manipulation of the spine alone (§1861(r)(5)): their own
# practitioner (lookup.lines.PROVIDERS' chiropractor, engine.modifiers.chiropractic_denial), not a physician's line.
PROVIDER_WORDS = {
    "": None, "physician": "physician", "md": "physician", "do": "physician", "dpm": "physician", "od": "physician",
    "dds": "physician", "dmd": "physician", "podiatrist": "physician", "48": "physician",
    "dc": "chiropractor", "chiropractor": "chiropractor", "doctor of chiropractic": "chiropractor",
    "35": "chiropractor",
    "np": "np", "nurse practitioner": "np", "50": "np", "np c": "np",
    "pa": "pa", "physician assistant": "pa", "97": "pa", "pa c": "pa",
    "cns": "cns", "clinical nurse specialist": "cns", "89": "cns",
}  # fmt: skip
# CMS's name of specialty 35, "Chiropractic" (the Blue Button / ResDAC PRVDR_SPCLTY table: "35 | Chiropractic"), as an
# EHR's 'Provider Specialty' writes it (a chiropractor's trial: 'Chiropractic' was unread, priced as a physician's).
PROVIDER_WORDS["chiropractic"] = "chiropractor"
# Specialty 48's name ("48 | Podiatry", the same Blue Button PRVDR_SPCLTY table) and the DPM degree spelled out, as a
# podiatry practice's EHR writes them: a podiatrist is a physician (SSA §1861(r)(3)). A podiatry trial's 'Podiatry' and
# 'Doctor of Podiatric Medicine' were unread: a column of them beside 'Nurse Practitioner' was left unread, the NP's
# lines priced at 100%.
PROVIDER_WORDS.update({"podiatry": "physician", "doctor of podiatric medicine": "physician"})
# The DPM's titles as a podiatry practice's 'Provider Type' column writes them: "A Doctor of Podiatric Medicine (DPM),
# known also as a podiatric physician or surgeon" (AACPM, "Discover Podiatric Medicine"); "Doctors of Podiatric
# Medicine (DPMs), also known as podiatrists, are podiatric physicians and surgeons" (APMA Backgrounder): a physician
# (SSA §1861(r)(3)). A podiatry trial's 'Podiatric Physician' and 'Podiatric Surgeon' rows were each noted "not read as
# a practitioner" (priced as the run's --provider), a DPM's line said to name no practitioner.
PROVIDER_WORDS.update({"podiatric physician": "physician", "podiatric surgeon": "physician"})
# The MD and DO degrees spelled out, as a provider-type column writes them beside 'Physician Assistant': "Physician
# means doctor of medicine, doctor of osteopathy (including osteopathic practitioner), ..." (SSA POMS HI 00401.295,
# "Physician Defined", citing SSA §1861(r)); the DO degree's own name, Doctor of Osteopathic Medicine. And the PA's
# title since the American Academy of PAs renamed itself the American Academy of Physician Associates ("previously
# named the American Academy of Physician Assistants", 2021): the same practitioner, CMS specialty 97, 85% (42 CFR
# 414.52). A dermatology trial's 'Provider Type' column of 'Doctor of Osteopathic Medicine' and 'Physician
# Associate' was left unread, its PA's lines priced at a physician's 100%.
PROVIDER_WORDS.update({"doctor of medicine": "physician", "doctor of osteopathy": "physician",
                       "doctor of osteopathic medicine": "physician", "physician associate": "pa"})  # fmt: skip
# The other physicians' titles and degrees spelled out, as the same column writes them ('Optometrist', 'Doctor of
# Optometry', 'Dentist', 'Doctor of Dental Surgery'): SSA §1861(r)(2) and (4)'s "doctor of dental surgery or of dental
# medicine" and "doctor of optometry", read as OD, DDS and DMD are (above). A review: an eye practice's 'Provider Type'
# column of 'Doctor of Optometry' and 'Physician Assistant' was left unread, the PA's 99213 priced at 100%.
PROVIDER_WORDS.update({"optometrist": "physician", "doctor of optometry": "physician", "dentist": "physician",
                       "doctor of dental surgery": "physician", "doctor of dental medicine": "physician"})  # fmt: skip
# The Bachelor of Medicine, Bachelor of Surgery (MBBS), the medical degree of the UK's, India's, Pakistan's and other
# Commonwealth schools, which an international medical graduate licensed in the US lists after the name ('SHAH, RAVI
# MBBS'; "an MD equivalency degree, such as an MBBS", to sit the USMLE and be certified by the ECFMG before a State
# licenses them): Medicare's physician is a "doctor of medicine or osteopathy legally authorized to practice medicine
# and surgery by the State" (42 CFR 410.20(b)(1); SSA §1861(r)(1)), and "In all States, the issuance by the State of a
# license to practice medicine constitutes legal authorization" (SSA POMS HI 00401.295, "Physician Defined"): the
# licensed physician enrols and bills as one, the full PFS amount. A review's 'Rendering Provider' column with one
# 'SHAH, RAVI MBBS' in it was left unread, the NP's and PA's lines beside it priced at a physician's 100%.
PROVIDER_WORDS["mbbs"] = "physician"
# The same degree by its Latin initials, as Edinburgh, Glasgow, Manchester, Cape Town and Nigeria's schools write it:
# MBChB (Medicinae Baccalaureus, Baccalaureus Chirurgiae), and Wales's and Ireland's MBBCh: a review's 'Rendering
# Provider' column with one 'OKAFOR, EMEKA MBCHB' in it was left unread, the NP's, PA's and CSW's lines beside it priced
# at 100% (the licensed physician: 42 CFR 410.20(b)(1), as the MBBS above).
PROVIDER_WORDS.update({"mbchb": "physician", "mbbch": "physician"})
# The NUCC Health Care Provider Taxonomy codes CMS's Medicare Provider and Supplier Taxonomy Crosswalk maps to these
# specialties (an EHR's 'Rendering Taxonomy', read in lower case): 35 Chiropractic, 111N00000X Chiropractor and its
# areas of specialization; 50 Nurse Practitioner, 363L00000X; 97 Physician Assistant, 363A00000X; 89 Certified
# Clinical Nurse Specialist, 364S00000X; 80 Licensed Clinical Social Worker, 1041C0700X. A taxonomy of another
# practitioner is not read (its cell is priced as --provider says, with the unread provider note).
CHIROPRACTOR_TAXONOMIES = (
    "111n00000x",
    "111ni0013x",
    "111ni0900x",
    "111nn0400x",
    "111nn1001x",
    "111nx0100x",
    "111nx0800x",
    "111np0017x",
    "111nr0200x",
    "111nr0400x",
    "111ns0005x",
    "111nt0100x",
)
PROVIDER_WORDS.update({taxonomy: "chiropractor" for taxonomy in CHIROPRACTOR_TAXONOMIES})
PROVIDER_WORDS.update({"363l00000x": "np", "363a00000x": "pa", "364s00000x": "cns"})
# The NUCC code set's areas of specialization under those classifications (363L Nurse Practitioner: acute care, adult
# health, critical care, community health, family, gerontology, neonatal and its critical care, pediatrics and its
# critical care, psychiatric/mental health, perinatal, primary care, school, women's health, obstetrics & gynecology,
# occupational health; 363A Physician Assistant: medical, surgical) are the same practitioner's: a taxonomy code's
# third level is an area of specialization within its classification (NUCC, "Physician Assistants & Advanced Practice
# Nursing Providers/Nurse Practitioner, Psychiatric/Mental Health" is 363LP0808X), and the enrolment type, specialty 50
# (97), is the classification's. An NP's or PA's rendering taxonomy is most often one of them (a psychiatry trial's
# 363LP0808X and a family practice's 363LF0000X were unread, paid at a physician's 100%).
NP_TAXONOMIES = ("363la2100x", "363la2200x", "363lc0200x", "363lc1500x", "363lf0000x", "363lg0600x", "363ln0000x",
                 "363ln0005x", "363lp0200x", "363lp0222x", "363lp0808x", "363lp1700x", "363lp2300x", "363ls0200x",
                 "363lw0102x", "363lx0001x", "363lx0106x")  # fmt: skip
PROVIDER_WORDS.update({taxonomy: "np" for taxonomy in NP_TAXONOMIES})
PROVIDER_WORDS.update({"363am0700x": "pa", "363as0400x": "pa"})
# A therapist in private practice (physical, occupational, speech-language: CMS specialties 65, 67, 15) is paid as a
# physician is: "If physicians/NPPs, or TPPs accept assignment (are participating), they must accept the Medicare
# Physician Fee Schedule amount as payment ... if they do not accept assignment, Medicare will only pay 95% of the fee
# schedule amount ... the limiting charge applies" (Medicare Benefit Policy Manual, Pub. 100-02, ch. 15 §230.4). Their
# assistants (PTA, COTA) bill under the therapist with CQ/CO, which the modifiers' rules price: not a provider here.
# Their own practitioners (lookup.lines.PROVIDERS' therapist, slp), priced as a physician's line everywhere but a
# PC/TC 7 code at the hospital and any line at a SNF (engine.therapists.therapist_place): a trial's DPT's 97110 at POS
# 21 was paid $32.26, where the RVU file's PC/TC indicator 7 pays an independently practicing PT or OT nothing there.
THERAPIST_CREDENTIALS = ("pt", "dpt", "mpt", "ot", "otr", "otr/l", "otd", "65", "67", "physical therapist",
                         "occupational therapist", "therapist")  # fmt: skip
SLP_CREDENTIALS = ("slp", "ccc slp", "15", "speech language pathologist", "speech pathologist")
PROVIDER_WORDS.update({credential: "therapist" for credential in THERAPIST_CREDENTIALS})
PROVIDER_WORDS.update({credential: "slp" for credential in SLP_CREDENTIALS})
# An audiologist (AUD, AuD, CCC-A; CMS specialty 64) bills their diagnostic tests under their own NPI, "covered and
# payable under the MPFS as 'other diagnostic tests'" (Medicare Benefit Policy Manual ch. 15 §80.3.C; SSA
# §1861(ll)(3)), unsupervised (42 CFR 410.32(b)(2)(ii)), and may submit a non-assigned claim (§80.3.G): the full PFS
# amount, limiting charge and all, as a physician's line (an ENT/audiology trial: 'AUD' was priced so, but with an
# "unread provider" note). Their own practitioner (lookup.lines.PROVIDERS' audiologist), priced as a physician's line:
# only their line of an E/M visit, a procedure or therapy, which Medicare does not pay an audiologist for (§80.3.A, F),
# is told apart, with a note (engine.audiologists; an audiology trial's AUD 99213 and 69210 were priced with no word).
AUDIOLOGIST_CREDENTIALS = ("aud", "audiologist", "ccc a", "64", "aud ccc a", "doctor of audiology")
PROVIDER_WORDS.update({credential: "audiologist" for credential in AUDIOLOGIST_CREDENTIALS})
# A nurse practitioner's board credentials (family, adult, adult-gerontology primary or acute care, acute care,
# psychiatric-mental health, pediatric, women's health, neonatal NP), with or without the board's suffix: -C (AANP),
# -BC (ANCC), as 'FNP-C', 'AGPCNP-BC'.
# A gerontological NP's (GNP-BC, ANCC's; GNP-C, AANP's) too. The State titles of a nurse practitioner are an NP's
# as well (a long-term-care trial's CRNP, ARNP and GNP-BC lines were unread, paid 100% with a limiting charge):
# Pennsylvania's CRNP, "Certified Registered Nurse Practitioner" (49 Pa. Code §21.251: certified by the State Board
# of Nursing to perform acts of medical diagnosis or prescription); Washington's and (until 2018) Florida's ARNP,
# "advanced registered nurse practitioner" (Washington Senate bill report, SB 2416, 2024: the title changed to
# "advanced practice registered nurse"); Ohio's and Minnesota's CNP, "certified nurse practitioner" (APRN-CNP below).
# DNP is a degree (NOT_PRACTITIONER_TYPES): not read alone.
# Maryland certifies each nurse practitioner in an area of specialization (Maryland Board of Nursing: "a completed
# application for certification as a nurse practitioner for each area of specialization"), written after CRNP: a
# psychiatry trial's 'CRNP-PMH' (psychiatric-mental health) was unread, priced at 100%.
PROVIDER_WORDS["crnp pmh"] = "np"
NP_CREDENTIALS = ("np", "fnp", "anp", "agnp", "agpcnp", "agacnp", "acnp", "pmhnp", "pnp", "whnp", "nnp", "gnp", "crnp",
                  "cnp")  # fmt: skip
PROVIDER_WORDS.update({f"{credential}{suffix}": "np" for credential in NP_CREDENTIALS for suffix in ("", " c", " bc")})
# The NP's other boards' marks and the master's degree joined to the NP's role, one table: PNCB's Certified Pediatric
# Nurse Practitioner, "add the specific '-AC' or '-PC' behind the CPNP" (PNCB, "Use of Your Certified PNP Credential
# Mark", 2022: CPNP-PC primary care, CPNP-AC acute care; CPNP alone the older mark); AANPCB's Emergency Nurse
# Practitioner, "by passing the Emergency Nurse Practitioner (ENP) Certification examination, NPs may add ENP-C to
# their list of credentials", open only to certified FNPs (Annals of Emergency Medicine, "New Emergency Nurse
# Practitioner Certification Rolled Out", 2018), and ANCC's earlier ENP-BC by portfolio (Advanced Emergency Nursing
# Journal, 2013); and 'MSN-FNP', the degree before the role as 'MSN, FNP-BC' writes it in two words. Each an NP's, 85%
# of the PFS amount (42 CFR 414.56(c)). A review: 'CPNP-PC', 'CPNP-AC', 'ENP-C' and 'MSN-FNP' were each refused by
# ``rvucalc price --provider`` (exit 2) and left a 'Rendering Provider' column of them unread.
NP_OTHER_FORMS = ("cpnp", "cpnp pc", "cpnp ac", "enp c", "enp bc", "msn fnp", "msn fnp c", "msn fnp bc")
PROVIDER_WORDS.update({form: "np" for form in NP_OTHER_FORMS})
# The advanced practice nurse's title as each State writes it, one table (the APRN's role forms below, the nurse
# midwife's and nurse anesthetist's, ``_APRN_ALONE``): APRN, the advanced practice registered nurse; Washington's and
# (until 2018) Florida's ARNP (above); New Jersey's APN, Advanced Practice Nurse: "On November 1, 1999, Advanced
# Practice Nurse became the title in New Jersey for Nurse Practitioners and Clinical Nurse Specialists. Advanced
# Practice Nurses may sign their credentialing as R.N., A.P.N." (New Jersey Board of Nursing, "Advanced Practice Nurse
# Certification"; N.J.A.C. 13:37-7.1): an NP or a CNS, both paid 85% of the PFS amount (42 CFR 414.56(c)), as APRN
# alone is. A review: 'LEE, KIM APN' and 'APN' were unread, each leaving its provider column unread, the NP's and PA's
# lines beside them priced at a physician's 100%.
# And Wisconsin's Advanced Practice Nurse Prescriber (APNP: Wis. Admin. Code ch. N 8, "Certification of Advanced
# Practice Nurse Prescribers"), the certificate "most comparable to the term 'Advanced Practice Registered Nurse' used
# in many states" (nursinglicensure.org, "Nurse Practitioners Programs in Wisconsin"), held by an NP, a nurse
# anesthetist or a CNS: alone an NP's, as APRN alone is. A trial's 'SMITH, ANN APNP' and 'APNP, FNP-BC' were unread.
APRN_TITLES = ("aprn", "arnp", "apn", "apnp")
# APRN (advanced practice registered nurse) alone: billing E/M and procedures under their own number, an NP or a CNS,
# both paid 85% of the PFS amount (SSA §1833(a)(1)(O), as lookup.lines' np and cns): read as np (an emergency and
# hospitalist trial: 'APRN' was unread, paid 100%). A nurse anesthetist says CRNA (APRN-CRNA above); APRN-CNS is a
# CNS's. A certified nurse midwife, an APRN paid 100% of the PFS amount (42 CFR 414.54(b), from 2011), is not told
# apart by 'APRN' alone: such a file says CNM (below).
PROVIDER_WORDS.update({f"{title}{suffix}": "np" for title in APRN_TITLES for suffix in ("", " c", " bc")})
PROVIDER_WORDS.update({f"{title} {role}": kind for title in APRN_TITLES
                       for role, kind in (("np", "np"), ("cnp", "np"), ("cns", "cns"))})  # fmt: skip
# The APRN's title with the NP's role or board certification after it, one word as a State's license writes it
# ('COLE, DANA APRN-FNP', 'APRN-FNP-BC', 'ARNP-FNP-C', 'APRN-AGPCNP-BC'): an advanced practice registered nurse whose
# role is the nurse practitioner's (NCSL, "Advanced Practice Registered Nurses": the "four types of APRNs"), read as
# 'APRN, FNP-BC' in two words is, an NP's 85% of the PFS amount (42 CFR 414.56(c)). A podiatry trial's 'Rendering
# Provider' of 'COLE, DANA APRN-FNP' beside two DPMs was left unread, the NP's 11721-Q8 at POS 11 in ZIP 37919
# (2026-07-07) priced at a physician's 100% ($41.98, not $35.68) and her 99308 at POS 32 at $74.61, not $63.42.
PROVIDER_WORDS.update({f"{title} {credential}{suffix}": "np" for title in APRN_TITLES for credential in NP_CREDENTIALS
                       for suffix in ("", " c", " bc")})  # fmt: skip
# ACHPN (the Hospice and Palliative Credentialing Center's Advanced Certified Hospice and Palliative Nurse) alone: its
# holder "must be functioning as a Clinical Nurse Specialist (CNS) or Nurse Practitioner (NP)" (HPCC, "Advanced
# Certified Hospice and Palliative Nurse"), both paid 85%, as APRN alone: read as np. A hospice and palliative group's
# trial: a 'Provider Credentials' cell of 'ACHPN' alone was unread, its 99349 at POS 12 priced at a physician's 100%
# ($128.36 at Columbus, not 85%: $109.11). Beside a license ('NP, ACHPN', 'MD, HMDC') it is a certification, left out
# (NOT_PRACTITIONER_TYPES below); the RN's CHPN alone names no practitioner.
PROVIDER_WORDS["achpn"] = "np"
# AACN Certification Corporation's nurse practitioner certification, the Acute Care Nurse Practitioner Certified in
# Adult-Gerontology (ACNPC-AG; ACNPC, its adult-only form before it): its candidates need "Current unencumbered
# licensure as an RN or APRN" and a graduate adult-gerontology acute care NP program (AACN, "Initial ACNPC-AG
# Certification"): an NP's, 85% (42 CFR 414.56(c)). A hospitalist group's trial: 'LEE, ANNA ACNPC-AG' was unread.
PROVIDER_WORDS.update({"acnpc ag": "np", "acnpc": "np"})
# The Nephrology Nursing Certification Commission's Certified Nephrology Nurse - Nurse Practitioner (CNN-NP): "The
# applicant must hold a full and unrestricted license as a registered nurse ... and be nationally certified as a nurse
# practitioner" (nncc-exam.org, "Certified Nephrology Nurse - Nurse Practitioner (CNN-NP)"): an NP's, 85% (42 CFR
# 414.56(c)). A nephrology trial: 'ROSS, IDA APRN, CNN-NP' was unread, her 99214 in ZIP 60612 priced at a physician's
# 100% ($142.45, not $121.08).
PROVIDER_WORDS["cnn np"] = "np"
# Washington's ARNP license names the APRN's role after it, as APRN does (ARNP-CNM, ARNP-CRNA; the nurse midwife's and
# nurse anesthetist's own rules below): ARNP alone is an NP's, as APRN alone is (APRN_TITLES above).
# A clinical nurse specialist's board certification written as the credential, as an NP's (FNP-BC, AGACNP-BC) is: the
# American Nurses Credentialing Center's "Adult-Gerontology Clinical Nurse Specialist - Board Certified (AGCNS-BC)" and
# its retired adult, gerontological, pediatric and psychiatric-mental health forms (ACNS-BC: "ANCC retired ACNS-BC" in
# 2017, "it can still be renewed"; GCNS-BC, PCNS-BC, PMHCNS-BC), and AACN Certification Corporation's acute care CNS
# certifications (ACCNS-AG, ACCNS-P, ACCNS-N: "you have mastered certain skills ... as an adult-gerontology clinical
# nurse specialist", AACN, "Initial ACCNS-AG Certification"). A CNS's PFS line is 85% (SSA §1833(a)(1)(O), 42 CFR
# 414.56(c)), as an NP's. A post-acute trial's 'SMITH, JANE AGCNS-BC' left its 'Provider Name' column unread, the NPs'
# nursing facility visits beside it priced at a physician's 100%; a polish's 'SMITH, ANN ACCNS-AG' 99213 at POS 11 in
# ZIP 10001 was unread, priced at $107.63.
PROVIDER_WORDS.update({"agcns bc": "cns", "acns bc": "cns", "gcns bc": "cns", "pcns bc": "cns", "pmhcns bc": "cns",
                       "accns ag": "cns", "accns p": "cns", "accns n": "cns"})  # fmt: skip
# A certified nurse-midwife (CNM, APRN-CNM; CMS specialty 42): lookup.lines.PROVIDERS' cnm, the full PFS amount (42 CFR
# 414.54(b)), only on assignment (Medicare Benefit Policy Manual ch. 15 §180.A): no limiting charge (an OB/GYN trial:
# 'CNM' was unread, priced with a limiting charge). A midwife who is not a nurse-midwife (a CPM, a CM) is not one
# Medicare pays (Benefit Policy Manual ch. 15 §180.B: "a registered nurse" certified in nurse-midwifery): not read.
# 'Advanced Practice Midwife' is NUCC's name of taxonomy 367A00000X, which CMS's taxonomy crosswalk links to specialty
# 42, Certified Nurse Midwife (the code itself is read so below): a gynecology practice's trial's 'Taxonomy' column
# named its CNM so, and her 57454 was unread, priced with a physician's limiting charge.
CNM_CREDENTIALS = ("cnm", *(f"{title} cnm" for title in APRN_TITLES), "certified nurse midwife", "nurse midwife", "42",
                   "advanced practice midwife")  # fmt: skip
PROVIDER_WORDS.update({credential: "cnm" for credential in CNM_CREDENTIALS})
# A registered dietitian or nutrition professional (CMS specialty 71): lookup.lines.PROVIDERS' dietitian, medical
# nutrition therapy at 85% of the PFS amount (42 CFR 414.64(a)), only on assignment (Claims Processing Manual ch. 1
# §30.3.1): an endocrinology trial's RD, 'RDN, LD' were unread, paid 100% with a limiting charge. RD and RDN are the
# Commission on Dietetic Registration's credentials; LD and LDN (licensed dietitian, licensed dietitian nutritionist)
# are the State licenses Medicare's "nutrition professional" may hold instead (42 CFR 410.134), and name no other
# practitioner Medicare pays. A CDCES (diabetes educator), an NDTR (dietetic technician) or 'nutritionist' alone is not
# a Medicare provider type (an HHS appeals board decision, CR2377 (2011): a dietetic technician was denied enrolment as
# a dietitian): not read.
DIETITIAN_CREDENTIALS = ("rd", "rdn", "ld", "ldn", "rd ld", "rdn ld", "rd ldn", "rdn ldn", "dietitian",
                         "registered dietitian", "registered dietitian nutritionist", "licensed dietitian",
                         "nutrition professional", "71")  # fmt: skip
PROVIDER_WORDS.update({credential: "dietitian" for credential in DIETITIAN_CREDENTIALS})
# A qualified nonphysician anesthetist (lookup.lines.PROVIDERS' crna): a certified registered nurse anesthetist, or an
# anesthesiologist assistant (CAA, AA-C; ch. 12 §140.1), paid the anesthesia fee schedule at the line's QZ/QX share,
# only on assignment. 'AA' alone is not read: it is the anesthesiologist's own modifier too.
# An anesthesia billing export's provider type says it in words: 'Nurse Anesthetist' (a CRNA's) beside
# 'Anesthesiologist' (a physician's, paid at the line's AA/QK/QY/AD share): an anesthesia trial found both unread, the
# QX row of a 'Nurse Anesthetist' noted as "priced as a physician's line".
CRNA_CREDENTIALS = ("crna", *(f"{title} crna" for title in APRN_TITLES), "certified registered nurse anesthetist",
                    "caa", "aa c", "anesthesiologist assistant", "nurse anesthetist", "registered nurse anesthetist",
                    "certified anesthesiologist assistant")  # fmt: skip
PROVIDER_WORDS.update({credential: "crna" for credential in CRNA_CREDENTIALS})
PROVIDER_WORDS.update({"anesthesiologist": "physician", "anesthesiology": "physician"})
# A psychiatry group's provider types as its export names them (a trial, Chicago, 2026): 'Psychiatrist' (and CMS
# specialty 26, "Psychiatry": the Blue Button / ResDAC PRVDR_SPCLTY table, as 25 below) is a physician, the full PFS
# amount; 'Psychiatric Nurse Practitioner' ('Psychiatric-Mental Health Nurse Practitioner', the PMHNP's title) a nurse
# practitioner, 85% (42 CFR 414.56(c)). The trial's 'Psychiatric Nurse Practitioner' was unread, priced at 100%.
# Indiana's HSPP, "health service provider in psychology", is the State Psychology Board's endorsement of a licensed
# psychologist holding "a doctoral degree in clinical psychology, counseling psychology, school psychology, or another
# applied health service area of psychology" (Indiana Code 25-33-1-5.1(c), as instalawyer.io reads it): a clinical
# psychologist (42 CFR 410.71(d)); the trial's 'PhD, HSPP' was unread.
PROVIDER_WORDS.update({"psychiatrist": "physician", "psychiatry": "physician", "26": "physician",
                       "psychiatric nurse practitioner": "np", "psychiatric mental health nurse practitioner": "np",
                       "psychiatric np": "np", "psychiatric mental health np": "np",
                       "hspp": "psychologist"})  # fmt: skip
# A nurse practitioner's, physician assistant's or clinical nurse specialist's title with its area of specialization
# spelled out, as billing systems export it: the NUCC taxonomy's display names ('Nurse Practitioner, Family' 363LF0000X,
# 'Nurse Practitioner, Psychiatric/Mental Health' 363LP0808X, 'Physician Assistant, Medical' 363AM0700X, 'Clinical Nurse
# Specialist, Adult Health' 364SA2200X; the CNS's psychiatric areas as 'Psych/Mental Health, Adult') and the boards'
# titles ('Family Nurse Practitioner', 'Adult-Gerontology Acute Care NP', "Women's Health NP", 'NP, Family'). CMS's
# Medicare Provider and Supplier Taxonomy Crosswalk maps each classification's areas to its specialty (363L* to 50,
# 363A* to 97, 364S* to 89: the taxonomy codes above), so the area changes nothing of who bills: an NP, PA or CNS, 85%
# of the PFS amount (42 CFR 414.56(c), 414.52; Claims Processing Manual ch. 12 §120, §110). A trial's 'Family Nurse
# Practitioner' was refused by `price --provider` and priced at 100% by batch with the unread provider's note. Read: the
# title ('nurse practitioner' or NP; 'clinical nurse specialist' or CNS; 'physician assistant', not 'PA', which ends
# practices' names, 'SURGICAL PA') first or last, every other word one of its areas' (below). A nurse's other titles
# ('Registered Nurse, Psych/Mental Health', 'Licensed Practical Nurse', 'Nurse Anesthetist', 'Nurse Midwife') name no
# NP, PA or CNS title and keep their reading, and so does a physician's specialty ('Family Medicine', 'Family
# Physician').
_AREA_WORDS = frozenset({
    # NUCC's 363L (nurse practitioner) and 364S (clinical nurse specialist) areas, in their words
    "acute", "care", "adult", "health", "critical", "medicine", "community", "public", "family", "gerontology",
    "neonatal", "pediatrics", "psychiatric", "psych", "mental", "perinatal", "primary", "school", "womens", "women",
    "obstetrics", "gynecology", "and", "occupational", "chronic", "emergency", "ethics", "holistic", "home",
    "informatics", "long", "term", "medical", "surgical", "neuroscience", "oncology", "perioperative", "rehabilitation",
    "transplantation", "child", "adolescent", "chronically", "ill", "geropsychiatric",
    # the boards' and schools' titles of them (AANPCB, ANCC, PNCB, NCC: FNP, AGPCNP, AGACNP, PNP, PMHNP, WHNP, NNP, ENP)
    "gerontological", "geriatric", "pediatric", "across", "the", "lifespan", "neonatology", "ob", "gyn",
})  # fmt: skip
_TITLES = (("nurse practitioner", "np"), ("np", "np"), ("clinical nurse specialist", "cns"), ("cns", "cns"),
           ("physician assistant", "pa"))  # fmt: skip
_PA_AREA_WORDS = frozenset({"medical", "surgical"})  # NUCC's 363AM0700X, 363AS0400X
# An NP's or CNS's title with its certification beside it, anywhere in the cell: 'Family Nurse Practitioner (FNP-BC)',
# 'Family Nurse Practitioner - Certified', Pennsylvania's 'Certified Registered Nurse Practitioner' (the CRNP, read as
# NP above) and 'Certified Nurse Practitioner' (the CNP): the boards' credentials (AANPCB's -C, ANCC's -BC) and the
# states' words name the same practitioner (a review found them unread, priced at 100%).
_CERTIFICATION_WORDS = frozenset({"certified", "registered", "board", "bc", "c", *APRN_TITLES, "fnp", "anp", "gnp",
                                  "pnp", "agpcnp", "agacnp", "acnp", "pmhnp", "whnp", "nnp", "enp", "np",
                                  "cns"})  # fmt: skip
# 'Certified Physician Assistant', 'Physician Assistant - Certified' (the PA-C, read above): the title in full words.
_PA_CERTIFICATION_WORDS = frozenset({"certified", "board", "c", "pa"})


def _spelled_out_title(text: str) -> str | None:
    """An NP's, PA's or CNS's title with its area of specialization ('Family Nurse Practitioner', 'Nurse Practitioner,
    Family', 'Physician Assistant, Surgical'; above): np, pa or cns; None for any other cell."""
    words = re.sub(r"[\s,;/()_\-]+", " ", text.lower().replace(".", "").replace("'", "").replace("\u2019", "")
                   .replace("&", " and ")).split()  # fmt: skip
    joined = " ".join(words)
    for title, kind in _TITLES:
        if joined.startswith(f"{title} "):
            area = joined[len(title) + 1 :].split()
        elif joined.endswith(f" {title}"):
            area = joined[: -len(title) - 1].split()
        else:
            continue
        if set(area) - {"and", "the", "across"} and set(area) <= (_PA_AREA_WORDS if kind == "pa" else _AREA_WORDS):
            return kind
    for title, kind in _TITLES:  # the title and its certification, the title anywhere
        at = f" {joined} ".find(f" {title} ")
        if at < 0:
            continue
        rest = (joined[:at] + " " + joined[at + len(title) :]).split()
        areas, certified = (
            (_PA_AREA_WORDS, _PA_CERTIFICATION_WORDS) if kind == "pa" else (_AREA_WORDS, _CERTIFICATION_WORDS)
        )
        if rest and set(rest) & certified and set(rest) <= areas | certified:
            return kind
    return None


# A physiatrist's specialty as a PM&R practice's export names it: CMS specialty 25, "Physical medicine and
# rehabilitation", and 09, "Interventional Pain Management (IPM)" (the Blue Button / ResDAC PRVDR_SPCLTY table), or
# 'Physiatrist', 'PM&R': a physician, the full PFS amount. A PM&R trial's 'PM&R' and 'Physiatrist' rows were priced as
# a physician's all the same, but noted "not read as a practitioner" and counted on stderr as naming no practitioner.
PHYSIATRY_WORDS = ("25", "physical medicine and rehabilitation", "physical medicine & rehabilitation", "pm&r",
                   "physiatrist", "physiatry", "09", "interventional pain management")  # fmt: skip
PROVIDER_WORDS.update({word: "physician" for word in PHYSIATRY_WORDS})
# The other physicians' CMS specialty codes, as a Medicare Advantage plan's paid-claims export writes its 'Rendering
# Prov Specialty' (CMS's Blue Button PRVDR_SPCLTY table, "CMS specialty code used for pricing the line item service":
# 01 General practice ... 46 Endocrinology; ResDAC's provider specialty table: 90 Medical Oncology ... 94
# Interventional Radiology, 98 Gynecological/Oncology, 99 "Undefined physician type (provider is an MD)"): a
# physician's line, the full PFS amount, as 48, 26, 25 and 09 above and every physician's NUCC taxonomy (20*) below;
# 19 (oral surgery, dentists only) and 41 (optometrist) are physicians too (SSA §1861(r)(2), (4)). A plan's 5,000-line
# file of them left 4,148 rows "not read as a practitioner", each with the 600-character note asking for "the billing
# practitioner's credential or CMS specialty code" the cell already was. A specialty's name ('Cardiology') stays unread.
PHYSICIAN_SPECIALTY_CODES = ("01", "02", "03", "04", "05", "06", "07", "08", "10", "11", "12", "13", "14", "16", "17",
                             "18", "19", "20", "21", "22", "24", "27", "28", "29", "30", "33", "34", "36", "37", "38",
                             "39", "40", "41", "44", "46", "90", "91", "92", "93", "94", "98", "99")  # fmt: skip
PROVIDER_WORDS.update({code: "physician" for code in PHYSICIAN_SPECIALTY_CODES})


# CMS's specialty codes are two digits, 01 General practice ... 09 Interventional Pain Management (CMS's Blue Button
# PRVDR_SPCLTY table: "00 Carrier wide, 01 General practice, ... 08 Family practice"). A spreadsheet saved through Excel
# drops their leading zero: a session 68 review's specialty column of '08', '11', '50' and '8' left each '8' row unread
# (the 600-character note, priced as --provider says). In a column named as the specialty (batch.columns.pricing_view:
# 'Rendering Prov Specialty', 'PRVDR_SPCLTY'), a cell of one digit is read as its code with the zero put back ('8' ->
# '08'), cell by cell: not decided on the column's other cells, which batch sees a chunk at a time (a session 68
# review: '8' beside '11' in one 50,000-row chunk read as 08, at a physician's 100%, beside '62' in the next unread, at
# the run's --provider NP's 85%). A column not named so ('Provider Type', 'Provider' of a practice system's own ids 1 to
# 9) is read as before: its '8' no specialty code said, unread with its note.
def specialty_code_padded(text: str) -> str:
    """A specialty column's cell of one digit 0-padded where that is a CMS specialty code ``PROVIDER_WORDS`` reads ('8'
    -> '08'); any other cell as it is."""
    cell = text.strip()
    padded = f"0{cell}"
    return padded if len(cell) == 1 and cell.isascii() and cell.isdigit() and padded in PROVIDER_WORDS else text


# A specialty's name is read as a physician's alone; beside a credential it names the practitioner's field, not a
# second practitioner ('Psychiatry, NP': the NP of a psychiatry practice, 85%; a psychiatry trial found it unread as
# "two practitioner types", priced at the physician's 100%): the credential is read (``_credentials_listed``).
FIELD_WORDS = frozenset({"psychiatry", "anesthesiology", "physiatry", "physical medicine and rehabilitation",
                         "physical medicine & rehabilitation", "pm&r", "interventional pain management"})  # fmt: skip
# An academic practice's provider type for a service a resident took part in: the teaching physician bills it under
# their own number as a physician's service, paid the full PFS amount when the teaching physician was present for its
# key portion (42 CFR 415.172(a)) or under the primary care exception (42 CFR 415.174), reported with GC or GE (Claims
# Processing Manual ch. 12 §100.1.1). A faculty practice trial's 'Resident-Supervised' rows were priced as a physician's
# with "not read as a practitioner" and advice on NP and PA credentials. 'Resident' alone stays unread: a resident's
# own services are paid under graduate medical education, not the PFS, unless moonlighting (42 CFR 415.208).
PROVIDER_WORDS.update({"resident supervised": "physician", "teaching physician": "physician"})
# A DMEPOS supplier is no practitioner: its lines (the DMEPOS fee schedule's items, an insulin pump's J1817 from the
# ASP file) are paid to the supplier whoever prescribed them, at the same fee (42 CFR 414.210: the fee schedule
# amount, with no practitioner's share), and billed to the DME MAC, not under the PFS (Claims Processing Manual ch. 20,
# DMEPOS). An endocrinology practice's export that also supplies diabetic DME writes 'DME' (or 'DME Supplier') in the
# provider column of its supply rows: each was noted "not read as a practitioner ... NP (FNP ...) 85%" and counted on
# stderr, for a fee no practitioner type changes. Read as a blank cell (the run's --provider, no note).
DME_SUPPLIER_WORDS = ("dme", "dmepos", "dme supplier", "dmepos supplier", "durable medical equipment",
                      "durable medical equipment supplier")  # fmt: skip
PROVIDER_WORDS.update({word: None for word in DME_SUPPLIER_WORDS})
# An ambulance crew's certification is no practitioner's either: an ambulance is staffed by an EMT (BLS) or an
# EMT-Intermediate or Paramedic (ALS) (42 CFR 410.41(b), as Palmetto GBA's "Land Ambulance: Vehicle and Staffing"
# restates it), and the ambulance supplier or provider bills the trip, paid from the ambulance fee schedule (42 CFR
# 414.610: a base rate for the level of service plus mileage), no practitioner's share in it. A rural hospital's export
# of its ambulance service's claims gave the crew's 'EMT', 'NRP' (nationally registered paramedic) or 'Paramedic' in
# its credential column: each ambulance row, which no installed schedule prices, was noted "not read as a
# practitioner: priced as a physician's line ..." (600 characters) and counted on stderr as naming no practitioner.
# Read as a blank cell (the run's --provider, no note), as a DME supplier's.
AMBULANCE_CREW_WORDS = ("emt", "emt b", "emt i", "emt a", "aemt", "emt p", "emtp", "nremt", "nremt b", "nremt p",
                        "nrp", "paramedic", "flight paramedic", "ccemt p", "fp c", "ccp c",
                        "emergency medical technician")  # fmt: skip
PROVIDER_WORDS.update({word: None for word in AMBULANCE_CREW_WORDS})
# A clinical social worker (LCSW; LICSW, LCSW-C, LISW-CP as some states name the clinical license), a marriage and
# family therapist (LMFT) or a mental health counselor (LMHC; a licensed professional or clinical professional
# counselor, LPC, LCPC, LPCC, LCMHC: CMS's MHC is a "mental health counselor, clinical professional counselor, or
# professional counselor" licensed by the State, from January 1, 2024): lookup.lines.PROVIDERS' csw, paid 75% of the
# PFS amount as AJ prices it, on assignment (lookup.lines.PROVIDER_MODIFIERS).
CSW_CREDENTIALS = ("csw", "lcsw", "licsw", "lcsw c", "lisw cp", "clinical social worker",
                   "licensed clinical social worker", "mft", "lmft", "marriage and family therapist", "mhc", "lmhc",
                   "lpc", "lcpc", "lpcc", "lcmhc", "mental health counselor",
                   "licensed professional counselor", "lcmft")  # fmt: skip
PROVIDER_WORDS.update({credential: "csw" for credential in CSW_CREDENTIALS})
# Maryland's LCMFT ("Licensed Clinical Marriage and Family Therapist", the Board of Professional Counselors and
# Therapists' clinical license, after two years' supervised practice as an LGMFT) is an MFT's license: Medicare's MFT
# is "licensed or certified as a marriage and family therapist by the State" after "at least 2 years of clinical
# supervised experience" (SSA §1861(lll)(2), 42 CFR 410.53). A psychiatry trial's LCMFT was unread, priced at 100%.
# CMS specialty 80, "Licensed clinical social worker" (the Medicare specialty codes of CMS's claims data: the Blue
# Button / ResDAC PRVDR_SPCLTY table, as 50, 89 and 97 above): a behavioral health trial's '80' was unread, priced at
# 100%. The specialty codes CMS gave marriage and family therapists and mental health counselors for 2024 are not read
# here: rvucalc has not found CMS's list of them (the Medicare Provider and Supplier Taxonomy Crosswalk) to cite.
PROVIDER_WORDS["80"] = "csw"
PROVIDER_WORDS["1041c0700x"] = "csw"  # NUCC's Social Worker, Clinical: specialty 80 in CMS's taxonomy crosswalk
# The other NUCC taxonomy codes CMS's "Crosswalk - Medicare Provider/Supplier to Healthcare Provider Taxonomy" links to
# a Medicare specialty rvucalc reads, by the code's classification (its first four characters; a grouping's two): every
# physician specialty (01 General Practice 208D00000X, 08 Family Practice 207Q00000X, 06 Cardiology 207RC0000X, 26
# Psychiatry 2084P0800X, 30 Diagnostic Radiology 2085R0202X, 93 Emergency Medicine 207P00000X ...) to a code of the
# "Allopathic & Osteopathic Physicians" grouping, whose codes all begin 20 (the crosswalk's note: a physician type
# "could technically link to every Allopathic & Osteopathic Physician"); 48 Podiatry 213E*, 41 Optometry 152W* (a
# physician's, as 48 and OD are above: SSA §1861(r)); 65 Physical Therapist in Private Practice 2251*, 67 Occupational
# Therapist in Private Practice 225X*; 15 Speech Language Pathologist 235Z*; 64 Audiologist 231H*; 42 Certified Nurse
# Midwife 367A*; 43 CRNA 3675*, 32 Anesthesiology Assistant 367H*; 68 Clinical Psychologist 103TC0700X; 71 Registered
# Dietitian 133V*; 50 Nurse Practitioner 363L*, 97 Physician Assistant 363A*, 89 Clinical Nurse Specialist 364S*; 87
# All Other Suppliers, Durable Medical Equipment 332B* (a DMEPOS supplier: read as a blank cell, as 'DME' is). A
# Medicare Advantage plan's payment-integrity export's 'Rendering Provider Taxonomy' (--columns provider=...) left every
# physician's row (207Q00000X, 207RC0000X ...) "not read as a practitioner", each with the long note, and its PT's and
# psychologist's rows with it. 69 Clinical Laboratory, 291U00000X, is no practitioner either: a lab test is paid the
# CLFS amount whoever bills it (SSA §1833(h); no practitioner's share), so its cell is read as a blank one, as a DME
# supplier's (the plan's 240 lab rows each carried the unread note). Another taxonomy (103T00000X, specialty 62's
# psychologist, not 68's clinical psychologist) stays unread.
PROVIDER_WORDS["clinical laboratory"] = None  # CMS's name of specialty 69, its taxonomy 291U00000X's
# and as a practice's export shortens it ("Clinical Lab"): 'CLINICAL LAB' beside a practice's names left its
# 'Provider' column unread (no word but a lab's and its qualifier: no independent lab's name), the NP's 99204 in ZIP
# 55455 (2026-02-03) priced at a physician's $174.11, not $147.99
PROVIDER_WORDS["clinical lab"] = None
PROVIDER_WORDS["69"] = None  # specialty 69 itself, "Clinical laboratory (billing independently)" (Blue Button)
_TAXONOMY_SHAPE = re.compile(r"[0-9]{3}[0-9a-z]{6}x")
_TAXONOMY_CLASSIFICATIONS = {"213e": "physician", "152w": "physician", "2251": "therapist", "225x": "therapist",
                             "235z": "slp", "231h": "audiologist", "367a": "cnm", "3675": "crna", "367h": "crna",
                             "133v": "dietitian", "363l": "np", "363a": "pa", "364s": "cns", "332b": "dme",
                             "291u": "clinical laboratory"}  # fmt: skip


def _taxonomy_word(key: str) -> str | None:
    """A NUCC taxonomy code (lower case, '207q00000x') as the ``PROVIDER_WORDS`` key of the practitioner CMS's
    crosswalk links it to (``_TAXONOMY_CLASSIFICATIONS``, a physician's grouping 20); None for another value."""
    if not _TAXONOMY_SHAPE.fullmatch(key):
        return None
    if key.startswith("20"):
        return "physician"
    if key == "103tc0700x":
        return "psychologist"
    return _TAXONOMY_CLASSIFICATIONS.get(key[:4])


# New York's LCSW-R (an LCSW with the "R" psychotherapy privilege, Education Law §7701) and Texas's LPC-S (an LPC
# licensed to supervise) are those licenses: read as csw. A licensed master social worker (LMSW, LLMSW, MSW) is not:
# Medicare's clinical social worker is "licensed or certified as a clinical social worker by the State" after two years
# of supervised clinical social work (SSA §1861(hh)(1), 42 CFR 410.73(a); an HHS Departmental Appeals Board decision,
# CR1511 (2006), upheld revoking a New York social worker's billing for want of that license; NASW Michigan: LLMSWs
# "cannot bill" alone): not read, with its own note (``provider_not_read_note``).
PROVIDER_WORDS.update({"lcsw r": "csw", "lpc s": "csw"})
# Other states' names of the clinical licenses (Ohio's LISW and LISW-S, Kansas's LSCSW, Louisiana's LCSW-BACS,
# Nebraska's LIMHP) and a clinical license with "-S" after it (Texas and others: licensed to supervise), as a review
# found them unread (priced as a physician's, 100%): the same licenses.
PROVIDER_WORDS.update({credential: "csw" for credential in ("lisw", "lisw s", "lscsw", "lcsw bacs", "limhp")})
PROVIDER_WORDS.update({f"{credential} s": "csw" for credential in ("lcsw", "licsw", "lmft", "lmhc", "lpcc", "lcpc",
                                                                    "lcmhc", "lisw cp")})  # fmt: skip
# Minnesota's LGSW (licensed graduate social worker, Minn. Stat. §148E.055: practicing under supervision) is a master
# social worker's license too: a behavioral health trial's 'LGSW' was told apart from no other unread cell.
NOT_MEDICARE_CREDENTIALS = frozenset({"lmsw", "llmsw", "msw", "lgsw"})
# Maryland's graduate licenses (LGPC, licensed graduate professional counselor; LGMFT, licensed graduate marriage and
# family therapist: "to practice ... only under supervision while [accumulating] the post-graduate hours required
# for" the LCPC or LCMFT, the Board of Professional Counselors and Therapists, COMAR 10.58) are not Medicare's MHC or
# MFT, licensed after "at least 2 years or 3,000 hours of post master's degree clinical supervised experience" (SSA
# §1861(lll)(2) and (4)): not read, with their own note (a psychiatry trial's were priced at 100% silently).
GRADUATE_COUNSELOR_CREDENTIALS = {
    "lgpc": "graduate professional counselor's license (practice under supervision)",
    "lgmft": "graduate marriage and family therapist's license (practice under supervision)",
}
# Washington's associate licenses (RCW 18.225.145: issued to an applicant "working toward full licensure in that
# category", the 3,000 supervised hours before the LMHC, LMFT or LICSW; WAC 246-809): the licensed mental health
# counselor associate (LMHCA), marriage and family therapist associate (LMFTA) and social worker associate, independent
# clinical (LICSWA) are no Medicare MHC, MFT (SSA §1861(lll)(2) and (4)) or clinical social worker (SSA §1861(hh)(1),
# 42 CFR 410.73(a)). A Seattle behavioral health trial's LMHCA, LMFTA and LICSWA rows got the generic unread note,
# which lists LMHC, LMFT and LICSW at 75% beside them.
GRADUATE_COUNSELOR_CREDENTIALS.update({
    "lmhca": "mental health counselor associate's license (Washington's: practice under supervision, RCW 18.225.145)",
    "lmfta": "marriage and family therapist associate's license (Washington's: practice under supervision, RCW "
    "18.225.145)",
})  # fmt: skip
SOCIAL_WORKER_ASSOCIATE_CREDENTIALS = {
    "licswa": "independent clinical social worker associate's license (Washington's: practice under supervision, "
    "RCW 18.225.145)",
}
# North Carolina's LCSWA, "licensed clinical social worker associate" (21 NCAC 63 .0102), is the license a new
# master's graduate holds while completing the 3,000 hours of supervised clinical experience and the clinical exam the
# LCSW requires (NASW News, "Chapter celebrates Medicaid agreement for LCSWAs": North Carolina's Medicaid enrols them,
# Medicare's CSW rule does not): not a clinical social worker "licensed or certified as a clinical social worker by the
# State" after 2 years of supervised clinical social work (42 CFR 410.73(a)). A trial's LCSWA got the generic unread
# note, which lists LCSW at 75% beside it.
SOCIAL_WORKER_ASSOCIATE_CREDENTIALS.update({
    credential: "clinical social worker associate's license (North Carolina's: practice under supervision toward "
    "the LCSW, 21 NCAC 63)" for credential in ("lcswa", "lcsw a")
})  # fmt: skip
# Nebraska's mental health practitioner licenses: the provisional one (PLMHP: practice under supervision while
# accruing the supervised hours for the LMHP or LIMHP) is a graduate license as Maryland's are. The LMHP itself is
# granted after those hours, but Medicare's mental health counselor "Is licensed or certified as a mental health
# counselor, clinical professional counselor, professional counselor by the State" (42 CFR 410.54(a)(3)), and a
# mental health practitioner is none of these titles: not read, with its own note (``state_title_reason``). Nebraska's
# LIMHP (above) and an LMHP holding the State's certified professional counselor title, an LPC, are read. Elsewhere
# "LMHP" is no license but a category: Virginia's "Licensed mental health professional (LMHP) means a physician,
# licensed clinical psychologist, licensed professional counselor, licensed clinical social worker, ... licensed
# marriage and family therapist, or certified psychiatric clinical nurse specialist" (12VAC35-105-20), so a Virginia
# practice's 'LMHP' may be any of them: the note names both readings, the cell unread either way.
GRADUATE_COUNSELOR_CREDENTIALS["plmhp"] = (
    "provisional mental health practitioner's license (Nebraska's: practice under supervision toward the LMHP or LIMHP)"
)
STATE_TITLE_CREDENTIALS = frozenset({"lmhp"})
# A speech-language pathology assistant (SLPA; ASHA's C-SLPA) is no practitioner Medicare pays, nor one whose lines a
# modifier marks (CQ and CO are physical and occupational therapist assistants' alone, SSA §1834(v)): "Services of
# speech-language pathology assistants are not recognized for Medicare coverage. Services provided by speech-language
# pathology assistants, even if they are licensed to provide services in their states, will be considered unskilled
# services and denied as not reasonable and necessary if they are billed as therapy services" (Medicare Benefit Policy
# Manual ch. 15 §230.3.C, as a copy of the manual at old.bansdoc.gov.bd reads). An audiology/SLP practice's trial:
# 'SLPA' got the generic unread note, which offers PT, OT and SLP as "the full amount". Not read, with its own note.
SLP_ASSISTANT_CREDENTIALS = frozenset({"slpa", "slp a", "c slpa", "slpa c", "cslpa", "slp assistant",
                                       "speech language pathology assistant",
                                       "speech language pathologist assistant"})  # fmt: skip
_SLP_ASSISTANT_NOTE = (
    "Provider {value!r}: Medicare does not recognize a speech-language pathology assistant's services, licensed or "
    "not: billed as therapy they are denied as unskilled, not reasonable and necessary (Medicare Benefit Policy "
    "Manual ch. 15 §230.3.C), and no modifier bills them (CQ and CO are PT and OT assistants'). Not read: priced as "
    "{who} line (the run's --provider), which is not what Medicare pays for an SLPA's service."
)
# An alcohol and drug counselor's license alone (NOT_PRACTITIONER_TYPES' LADC ...): its own note.
_DRUG_COUNSELOR_CREDENTIALS = frozenset({"ladc", "lac", "cadc", "lcadc", "casac", "sudp", "sudpt", "cdp", "cdpt"})
_DRUG_COUNSELOR_NOTE = (
    "Provider {value!r}: an alcohol and drug counselor is not a practitioner type Medicare pays, unless enrolled as a "
    "mental health counselor, which one meeting an MHC's requirements may be (CMS's page 'Marriage and Family "
    "Therapists & Mental Health Counselors'): then give LPC or LMHC (75%, as a CSW). Not read: priced as {who} line "
    "(the run's --provider)."
)
# A clinical psychologist (PhD, PsyD; CMS specialty 68, the APA's "Medicare provider application" page): the full PFS
# amount, as AH says (Claims Processing Manual ch. 12 §160), on assignment (SSA §1842(b)(18)(C)). 'MD, PHD' is a
# physician's (below).
# LP: "licensed psychologist", Minnesota's license (Minn. Stat. §148.907) and other states' name for it: a behavioral
# health trial's 'PhD, LP' and 'PsyD, LP' were unread, priced as a physician's line. Medicare's clinical psychologist
# "holds a doctoral degree in psychology" and is licensed on its basis (42 CFR 410.71(d)): a master's degree beside LP
# ('MA, LP': a license some states gave master's-level psychologists) names none (_MASTERS_PSYCHOLOGIST_NOTE).
PSYCHOLOGIST_CREDENTIALS = ("phd", "psyd", "psychologist", "clinical psychologist", "68", "lp", "licensed psychologist")
PROVIDER_WORDS.update({credential: "psychologist" for credential in PSYCHOLOGIST_CREDENTIALS})
# A therapy assistant: a physical therapist assistant (PTA, LPTA) or an occupational therapy assistant (OTA, COTA,
# COTA/L). Social Security Act §1834(v) (Bipartisan Budget Act of 2018 §53107): an outpatient physical or occupational
# therapy service "furnished in whole or in part by a therapy assistant" is paid 85 percent of the otherwise applicable
# amount (from January 1, 2022), and each claim for it must carry the modifier CMS established: CQ (PTA) or CO (OTA)
# (Claims Processing Manual ch. 5 §20.1; CMS's page "Billing Examples Using CQ/CO Modifiers for Services Furnished In
# Whole or In Part by PTAs and OTAs"). The assistant bills under the therapist, so the line is the therapist's; the
# payment follows who furnished it, so a GP (GO) line of a PTA's (OTA's) is priced as with CQ (CO), saying the claim
# must carry it (ASSISTANT_PRICED_NOTE), rather than at the full amount a claim missing the modifier would be paid
# in error. A line it does not fit (no GP/GO of that discipline) is priced as written, saying so.
ASSISTANT_MODIFIERS = ("", "CQ", "CO")
ASSISTANT_CREDENTIALS = {
    "pta": "CQ", "lpta": "CQ", "pta l": "CQ", "physical therapist assistant": "CQ", "physical therapy assistant": "CQ",
    "ota": "CO", "ota l": "CO", "ota/l": "CO", "cota": "CO", "cota l": "CO", "cota/l": "CO",
    "occupational therapy assistant": "CO",
}  # fmt: skip
ASSISTANT_PLAN = {"CQ": "GP", "CO": "GO"}
# Where a line's therapy assistant was read (the notes' and errors' ``where``): the row's provider cell, or the run's
# --provider for a row without one (a trial's `batch --provider PTA` notes said "(the provider column)" of a file
# that had none).
FROM_COLUMN, FROM_FLAG = "the provider column", "--provider"


ASSISTANT_PRICED_NOTE = (
    "Furnished by {a_who} ({where}): priced at 85% as with {modifier} (Social Security Act §1834(v): a "
    "therapy service furnished in whole or in part by a therapy assistant). The claim line must carry {modifier} "
    "(Claims Processing Manual ch. 5 §20.1), or it is billed as the therapist's own."
)
ASSISTANT_NOT_FITTING_NOTE = (
    "Furnished by {a_who} ({where}) but the line has no {plan}: priced as written. An outpatient "
    "{discipline} therapy line by {a_who} carries {plan} and {modifier} (85%)."
)
# A remote therapeutic monitoring device supply code (98976, 98977, 98984, 98985) is the one therapy code an
# assistant's part does not reduce: NGS Medicare, "2024 Annual Update to the Therapy Code List: Remote Therapeutic
# Monitoring", services delegated to therapy assistants "are subject to the de minimis standard (except the device
# codes, CPT codes 98976 and 98977)" (``engine.modifiers.RTM_DEVICE_CODES``). A PTA's line of one (a therapy EMR's
# rendering credential) was refused as if it carried CQ, its error saying it "is paid in full": it is, without CQ.
ASSISTANT_DEVICE_NOTE = (
    "Furnished by {a_who} ({where}): {code} is a remote therapeutic monitoring device supply code, which an "
    "assistant's part does not reduce (not subject to the de minimis standard: CMS's therapy code list, as NGS "
    "Medicare's 2024 update says): the line carries no {modifier} and is paid in full."
)
ASSISTANT_EVALUATION_NOTE = (
    "Furnished by {a_who} ({where}), but an evaluation or re-evaluation is the therapist's own: an "
    "assistant does not furnish it (Medicare Benefit Policy Manual ch. 15 §230.1, §230.2). Priced as written."
)
_ASSISTANT_WHO = {"CQ": ("physical therapist assistant", "physical"),
                  "CO": ("occupational therapy assistant", "occupational")}  # fmt: skip


def implied_assistant_error(error: str, modifier: str, where: str = FROM_COLUMN) -> str:
    """A row's error as its own: a PTA's (OTA's) line priced as with CQ (CO), which the provider column added and the
    row does not carry, is refused naming the code and who furnished it, never 'CODE-CQ' (a trial's 98980 line of a
    PTA's was refused as '98980-CQ: ...')."""
    code, dash, rest = error.partition(f"-{modifier}: ")
    if not dash or " " in code:
        return error
    who = "a PTA" if modifier == "CQ" else "an OTA"
    return f"{code}: {who}'s line ({where}) is priced as with {modifier} (85%), but {rest}"


def assistant_of(text: str) -> str | None:
    """A provider cell naming a therapy assistant (``ASSISTANT_CREDENTIALS``, alone, after the name, 'DOE, JOHN
    PTA', or beside a certification, 'PTA, WCC': ``_assistant_listed``): the assistant's modifier, CQ or CO; else
    None."""
    key = _PROVIDER_SEPARATORS.sub(" ", text.strip().lower().replace(".", "")).strip()
    if key not in ASSISTANT_CREDENTIALS:
        key = _credential_of_name(text) or _assistant_listed(text) or key
    return ASSISTANT_CREDENTIALS.get(key)


# A therapy assistant's credential beside a certification or degree that names no practitioner
# (``NOT_PRACTITIONER_TYPES``: 'PTA, WCC', 'COTA/L, CWS', 'PTA, ATC'): the assistant's, as the license of a
# practitioner's list is read (``_credentials_listed``); beside a practitioner's ('PTA, DPT') it is not read, as
# before. A review's SNF export with
# 'PTA, WCC' beside 'FNP-C, CWCN' left its 'Rendering Provider' column unread: the NP's 99309 at POS 31 paid a
# physician's 100%, the PTA's 97110-GP without CQ's 85%.
def _assistant_listed(text: str) -> str | None:
    words = [word for word in _listed_words(text) if _names_a_practitioner(word)]
    return words[0] if len(words) == 1 and words[0] in ASSISTANT_CREDENTIALS else None


def assistant_modifier(code_text: str, modifier_text: str, modifier: str, where: str = FROM_COLUMN) -> tuple[str, str]:
    """A modifier cell of a therapy assistant's line (``modifier``: CQ or CO, '' for not an assistant's; the code
    cell may carry modifiers too, '97110-GP'): the cell priced (with ``modifier`` added where the line has its plan's
    GP/GO and neither CQ nor CO) and the row's note, naming ``where`` the assistant was read."""
    if not modifier:
        return modifier_text, ""
    after_code = code_text.partition("-")[2]
    written = {part for part in _ASSISTANT_SPLIT.split(f"{after_code} {modifier_text}".upper()) if part}
    who, discipline = _ASSISTANT_WHO[modifier]
    a_who = f"{'an' if who[0] in 'aeiou' else 'a'} {who}"
    if written & {"CQ", "CO"}:
        return modifier_text, ""  # the line says it: priced by its modifiers
    code = code_text.partition("-")[0].strip().upper()
    if code in THERAPY_EVALUATIONS:
        return modifier_text, ASSISTANT_EVALUATION_NOTE.format(a_who=a_who, where=where)
    if code in RTM_DEVICE_CODES:
        return modifier_text, ASSISTANT_DEVICE_NOTE.format(a_who=a_who, where=where, code=code, modifier=modifier)
    if ASSISTANT_PLAN[modifier] not in written:
        return modifier_text, ASSISTANT_NOT_FITTING_NOTE.format(
            a_who=a_who, where=where, plan=ASSISTANT_PLAN[modifier], discipline=discipline, modifier=modifier
        )
    return f"{modifier_text} {modifier}", ASSISTANT_PRICED_NOTE.format(a_who=a_who, where=where, modifier=modifier)


def assistant_kind(kind: int) -> tuple[str, str]:
    """A row's assistant kind (a position in ASSISTANT_MODIFIERS, plus its length where the run's --provider named the
    assistant): its modifier and where it was read (FROM_COLUMN or FROM_FLAG)."""
    count = len(ASSISTANT_MODIFIERS)
    return ASSISTANT_MODIFIERS[kind % count], FROM_FLAG if kind >= count else FROM_COLUMN


_ASSISTANT_SPLIT = re.compile(r"[-,/;\s]+")
# A physician with a research doctorate too ('MD, PHD', 'DO PHD'): the physician's credential is read.
PROVIDER_WORDS.update({f"{degree}{joint}phd": "physician" for degree in ("md", "do") for joint in (", ", " ", "/")})
_PROVIDER_SEPARATORS = re.compile(r"[\s_\-]+")


# A name with the practitioner's credential at its end, as practice systems write the rendering provider ('LEE, SAM
# PA-C', 'Jane Doe, FNP-BC', 'Sam Lee MD'): the credential after the name's last comma or space, in capitals, after a
# name of two words or more, is read as the cell alone would be (a trial's 'LEE, SAM PA-C' was priced as a
# physician's line). A word written as a name is ('Lee, Sam Pa'), and so is the one word after a surname alone
# ('VANG, PA': Pa is a given name): not read.
_NAME_WORD = re.compile(r"[^\W\d_]", re.UNICODE)


# Doctoral degrees as they are written ('Jo Smith, PsyD', 'Sam Lee, PhD'): read after a name as the capitals are. So
# is CCI's Registered Phlebology Sonographer as CCI and the SVU write it ('LEE, ANA RPhS': DIAGNOSTIC_TECHNOLOGISTS).
_MIXED_CASE_CREDENTIALS = frozenset({"PhD", "PsyD", "Ph.D.", "Psy.D.", "AuD", "Au.D.", "RPhS"})


# A practice's business name is no practitioner's ('FLORIDA ORTHOPAEDIC ASSOCIATES PA', 'SUNCOAST MEDICAL GROUP,
# P.A.', 'JOHN SMITH MD PA'): its last word, PA or P.A., is the entity's form (a professional association, as a
# professional corporation, PC, or a limited liability company, LLC: CMS's Medicare enrollment application for
# physicians and non-physician practitioners, CMS-855I, "An individual who has formed a professional corporation,
# professional association, limited liability company, etc."; a group practice enrols on the CMS-855B, "Clinics/Group
# Practices and Certain Other Suppliers"), not a physician assistant's credential (the PA's 85%, SSA
# §1833(a)(1)(O)(i), is the physician assistant's own services'). A review found such a 'Provider' cell priced at 85%
# (99213 $77.32 for $90.97). A name with a business word, an entity's form (LLC, INC, PLLC, PC ...), '&', or PA after a
# physician's credential (MD PA) is not read by its last word: priced as the run's --provider, with the unread
# provider's note and count. A person's name and credential ('SMITH, JOHN PA', 'LEE, SAM PA-C') keeps its reading.
_BUSINESS_WORDS = frozenset({
    "associates", "assoc", "association", "group", "medical", "medicine", "clinic", "clinics", "center", "centers",
    "centre", "health", "healthcare", "physicians", "surgery", "surgeons", "surgical", "orthopaedic", "orthopaedics",
    "orthopedic", "orthopedics", "specialists", "practice", "partners", "hospital", "institute", "services", "&",
})  # fmt: skip
# Entity forms (not LP: a licensed psychologist's credential; not PA alone: a physician assistant's)
_ENTITY_FORMS = frozenset({"llc", "inc", "pllc", "pc", "ltd", "corp", "llp", "sc", "plc"})
_PHYSICIAN_DEGREES = frozenset({"md", "do", "dpm", "dds", "dmd", "od"})
# The last words a practice's name ends in that are a place or an entity's form as well as a credential: PA (a
# professional association) and DC (the District of Columbia: 'CAPITOL MEDICAL GROUP DC', which a review found read as
# a chiropractor's, every line but spinal manipulation refused). After a business word they are not read; a person's
# 'SMITH, JOHN DC' keeps the chiropractor's reading.
_PLACE_OR_FORM = frozenset({"pa", "dc"})


# A business word is a surname too ('HEALTH, MARY NP', 'CENTER, JOHN PA', 'GROUP, ANN PA-C'; a review found each
# unread, the NP's and PA's 99214 priced at a physician's 100%): a name ending in a practitioner's credential other than
# PA (NP, PA-C, CRNA, MD ...: no entity form reads so) keeps its reading, and so does a person's 'SURNAME, GIVEN PA'
# (one word before the comma, no business word or entity form after it), as 'SMITH, JOHN PA' does. A name ending in PA
# without the comma ('JOHN CENTER PA') stays a practice's: its PA may be either. So does a name ending in a spelled-out
# word a specialty column is read by (``_SPELLED_OUT``: 'MIDTOWN CENTER FOR CHIROPRACTIC', 'MEMORIAL HOSPITAL
# THERAPIST'), no credential: a review found the first's 99213 read as a chiropractor's and refused, where it had been
# priced as the run's --provider with the unread provider's note; 'CENTER, JOHN CHIROPRACTOR' keeps its reading.
_SPELLED_OUT = frozenset({
    "anesthesiologist", "anesthesiology", "audiologist", "chiropractic", "chiropractor", "dietitian", "physiatrist",
    "physiatry", "physician", "podiatrist", "podiatry", "psychologist", "therapist",
})  # fmt: skip


def _person_named(text: str, last: str) -> bool:
    """'CENTER, JOHN PA': a single-word surname, a comma, given names and ``last``, none of them a business word."""
    surname, comma, rest = text.strip().partition(",")
    given = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", rest.strip()) if word.strip(",.")]
    return (bool(comma) and len(surname.split()) == 1 and len(given) >= 2 and given[-1] == last
            and not any(word in _BUSINESS_WORDS or word in _ENTITY_FORMS for word in given))  # fmt: skip


# A physician's degree, fellowships after it, then PA or DC ('SMITH DO, FACOI, PA', 'JOHN SMITH, MD, FACS, P.A.'): as
# with PA just after the degree ('JOHN SMITH MD PA', above), the PA is most likely the practice's form, a professional
# association (Florida's and Texas's physicians' firms: "John Smith, M.D., F.A.C.S., P.A."), not a physician
# assistant's credential: a physician assistant writes PA-C or PA after their own name, not after a physician's degree.
# A review found 'SMITH DO, FACOI, PA' read as a PA's, its 99213 cut to 85%. Not read (``_PA_AFTER_PHYSICIAN_REASON``):
# priced as the run's --provider with the note, neither guessed a physician's nor a PA's; the column stays read.
def _physician_then_form(words: list[str]) -> bool:
    """Whether a cell's words (lower case, no points) end in a physician's degree, fellowships or degrees that name no
    practitioner (``NOT_PRACTITIONER_TYPES``), then PA or DC (above); or in a fellowship only physicians hold
    (``PHYSICIAN_FELLOWSHIPS``: 'SMITH, JOHN FAAOS, PA') and others naming no practitioner, then PA or DC."""
    if len(words) < 3 or words[-1] not in _PLACE_OR_FORM:
        return False
    at = len(words) - 2
    while at > 0 and words[at] in NOT_PRACTITIONER_TYPES and words[at] not in PROVIDER_WORDS:
        at -= 1
    # or a fellowship only physicians hold, the degree left out ('SMITH, JOHN FAAOS, PA': PHYSICIAN_FELLOWSHIPS)
    physicians = any(word in PHYSICIAN_FELLOWSHIPS for word in words[at + 1 : -1])
    return at < len(words) - 2 and (words[at] in _PHYSICIAN_DEGREES or physicians)


def business_name(text: str) -> bool:
    """Whether a provider cell is a practice's business name (above), not a practitioner's name and credential."""
    if reference_lab_name(text):
        return False  # 'Quest Diagnostics Inc', 'Lab Corp': an independent lab's name (``reference_lab_name``)
    words = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", text.strip()) if word.strip(",.")]
    if len(words) < 2:
        return False
    if len(words) > 2 and words[-1] in _PLACE_OR_FORM and (words[-2] in _PHYSICIAN_DEGREES or words[-2] == "asc"):
        return True  # 'ORTHO ASC, P.A.': an ASC's name (no practitioner's credential is ASC), not a PA's
    if len(words) > 2 and words[-1] in _PARTNERSHIP_FORMS and asc_provider(text):
        return True  # 'KNOXVILLE ENDOSCOPY CENTER LP': the ASC's partnership form, not a psychologist's LP
    if _physician_then_form(words):
        return True  # 'SMITH DO, FACOI, PA': the practice's professional association (_physician_then_form)
    if (
        len(words) > 2
        and words[-1] in _PARTNERSHIP_FORMS
        and any(word in _BUSINESS_WORDS or word in _ENTITY_FORMS for word in words[:-1])
        and not _person_named(text, words[-1])
    ):
        # 'GASTROENTEROLOGY ASSOCIATES LP': a practice organized as a limited partnership (a group practice enrols as
        # an organization, CMS-855B), its LP the entity's form; a review found its 99213 denied as a psychologist's.
        # A person's 'SMITH, JOHN LP', 'JOHN SMITH LP', 'CENTER, JOHN LP' stay the licensed psychologist's.
        return True
    last = _PROVIDER_SEPARATORS.sub(" ", words[-1]).strip()
    credential = (
        last not in _PLACE_OR_FORM and last not in _SPELLED_OUT and last[:1].isalpha() and last in PROVIDER_WORDS
    )
    if credential or ((last in _SPELLED_OUT or last in _PLACE_OR_FORM) and _person_named(text, last)):
        return False  # a person's credential (above)
    if last in _PLACE_OR_FORM and (diagnostic_facility_name(" ".join(words[:-1]))
                                   or independent_lab_name(" ".join(words[:-1]))
                                   or dme_supplier_name(" ".join(words[:-1]))):  # fmt: skip
        # 'SUNRISE SLEEP LAB, PA': an IDTF's name and its form (below), not a physician assistant's; so a DMEPOS
        # supplier's ('NORTH SLEEP DME, PA', ``dme_supplier_name``), whose 99204 a sleep group's export priced at a
        # PA's 85% ($147.99 in ZIP 55455, 2026-08-03), its column read: a practice's name, as 'NORTH SLEEP DME LLC' is
        return True
    return any(word in _BUSINESS_WORDS or word in _ENTITY_FORMS for word in words)


# An IDTF's or imaging center's business name ('DESERT MOBILE IMAGING', 'Lone Star Sleep Diagnostics', 'VALLEY MRI
# CENTER', 'SUNRISE SLEEP LAB') names the entity that bills the test, not a practitioner: an IDTF enrols on the CMS-855B
# as an organization, "enrollment records will show specialty as IDTF" (a radiology or ultrasonography facility among
# its examples), and lists "all physicians for whose diagnostic test interpretations it will bill" (NGS, "Independent
# Diagnostic Testing Facility"; 42 CFR 410.33). A review found such a name, without the LLC or INC ``business_name``
# reads, left an IDTF's 'Rendering Provider' column of names unread, the NP's reading beside it priced at a
# physician's 100%. Read as a DMEPOS supplier's cell is: blank, the run's --provider, no note, the column read. A
# facility's words (``_FACILITY_PHRASES``) and another word that is no specialty's qualifier make the name: a specialty
# cell ('Diagnostic Radiology', 'Sleep Medicine', 'Body Imaging', 'Cardiac Imaging') keeps its reading, and so does a
# name with a practitioner's credential or an entity's form (``business_name``'s).
_FACILITY_PHRASES = ("imaging", "mri", "diagnostics", "radiology center", "radiology centers", "sleep lab",
                     "sleep laboratory", "sleep center", "sleep disorders center", "diagnostic center",
                     "diagnostic centers", "vascular lab", "vascular laboratory", "idtf")  # fmt: skip
_SPECIALTY_QUALIFIERS = frozenset({
    "diagnostic", "interventional", "nuclear", "body", "pediatric", "neuro", "cardiac", "cardiovascular", "vascular",
    "breast", "musculoskeletal", "abdominal", "chest", "oncologic", "medicine", "sleep", "radiology", "and", "&",
    "lab", "laboratory", "center", "centers", "disorders", "of", "the",
})  # fmt: skip
# A person's title or a nurse's degree: 'Nurse Practitioner - Sleep Lab', 'Clinical Nurse Specialist - Sleep Lab' or
# 'DNP, Sleep Center' (a department after the NP's or CNS's title, which ``_spelled_out_title`` does not read) was read
# as the facility's name, the NP's 99213 priced at a physician's 100% with no note; 'Sleep Lab Tech' or 'MRI
# Technologist' names the staff, not the IDTF. Not a facility's name: unread, with the note.
_PERSON_WORDS = frozenset({
    "nurse", "practitioner", "specialist", "assistant", "technologist", "technician", "tech", "therapist",
    "radiologist", "sonographer", "physiologist", "dr", "doctor", "rn", "bsn", "msn", "dnp", "lpn", "lvn",
    *_SPELLED_OUT,
})  # fmt: skip


def diagnostic_facility_name(text: str) -> bool:
    """Whether a provider cell is an IDTF's or imaging center's business name without an entity's form (above)."""
    if reference_lab_name(text):
        return False  # 'QUEST DIAGNOSTICS': an independent lab's name (``reference_lab_name``), not an IDTF's
    words = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", text.strip()) if word.strip(",.")]
    joined = f" {' '.join(words)} "
    phrases = [phrase for phrase in _FACILITY_PHRASES if f" {phrase} " in joined]
    if not phrases or any(word in _ENTITY_FORMS or word in _PLACE_OR_FORM for word in words):
        return False
    if any(PROVIDER_WORDS.get(_PROVIDER_SEPARATORS.sub(" ", word).strip()) for word in words):
        return False  # a practitioner's credential ('PATEL, ANIL MD'): not the facility's name
    if any(word in _PERSON_WORDS for word in words):
        return False  # a person's title ('Nurse Practitioner - Sleep Lab', 'Sleep Lab Tech'): not the facility's name
    if "idtf" in phrases:
        # 'IDTF' alone is the facility's own specialty, "enrollment records will show specialty as IDTF" (NGS's
        # "Independent Diagnostic Testing Facility"), no practitioner's: a sleep group's 'IDTF' cell beside its
        # physicians' and NP's names left its 'Provider' column unread, the NP's 99204 priced at 100%
        return True
    phrase_words = {word for phrase in phrases for word in phrase.split()}
    return any(word not in phrase_words and word not in _SPECIALTY_QUALIFIERS for word in words)


# The national reference laboratories by their names ('QUEST DIAGNOSTICS', 'Quest Diagnostics Inc', 'Lab Corp',
# 'Laboratory Corporation of America', 'SONIC REFERENCE LAB', 'BioReference Laboratories'): each an independent
# clinical laboratory billing its own tests on its own claim (Claims Processing Manual ch. 16 §10.1, §40.1, below),
# whose name ``independent_lab_name``'s words did not tell: 'QUEST DIAGNOSTICS' was read as an IDTF's (its rows kept
# on the practitioner's claim), 'Quest Diagnostics Inc' and 'Lab Corp' as a practice's name (not read, noted). Read as
# 'QUEST LAB' and 'LABCORP' are, whatever follows the name (its entity's form, a site); with a practitioner's
# credential or a person's word ('QUEST, JOHN MD', 'Quest Diagnostics Lab Tech') it is no lab's name.
_REFERENCE_LABS = (("quest", "diagnostics"), ("labcorp",), ("lab", "corp"),
                   ("laboratory", "corporation", "of", "america"), ("sonic", "reference"), ("bioreference",),
                   ("bio", "reference"))  # fmt: skip


def reference_lab_name(text: str) -> bool:
    """Whether a provider cell opens with a national reference laboratory's name (``_REFERENCE_LABS``)."""
    words = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", text.strip()) if word.strip(",.")]
    if not any(tuple(words[: len(name)]) == name for name in _REFERENCE_LABS):
        return False
    if any(word in _PERSON_WORDS for word in words):
        return False
    return not any(PROVIDER_WORDS.get(_PROVIDER_SEPARATORS.sub(" ", word).strip()) for word in words)


# A DMEPOS supplier's business name ('NORTH SLEEP DME', 'DME - NORTH SLEEP', 'ACME DMEPOS', 'VALLEY HOME MEDICAL
# EQUIPMENT'): the supplier enrols and bills the DME MAC for its items under its own number, paid the fee schedule
# amount whoever prescribed them (42 CFR 414.210; Claims Processing Manual ch. 20), as 'DME' alone (DME_SUPPLIER_WORDS)
# says. A sleep group's export naming its DME arm 'NORTH SLEEP DME' beside its physicians' names kept the CPAP's
# E0601-RR-KH and mask's A7030-NU on the physician's visit claim 900, not the supplier's "900 (dme_supplier)"; 'DME -
# NORTH SLEEP' left the 'Provider' column unread. Read as 'DME' is: a blank cell, its rows the supplier's claim. A name
# with a practitioner's credential, a person's word or an entity's form keeps its reading.
_DME_NAME_WORDS = frozenset({"dme", "dmepos"})
_DME_NAME_PHRASES = (" durable medical equipment ", " home medical equipment ")


def dme_supplier_name(text: str) -> bool:
    """Whether a provider cell is a DMEPOS supplier's business name without an entity's form (above)."""
    words = [word.strip("()[]-'").lower().replace(".", "") for word in re.split(r"[,\s/]+", text.strip())]
    words = [word for word in words if word]
    joined = f" {' '.join(words)} "
    if len(words) < 2 or not (_DME_NAME_WORDS & set(words) or any(phrase in joined for phrase in _DME_NAME_PHRASES)):
        return False  # 'DME' alone is DME_SUPPLIER_WORDS' (PROVIDER_WORDS)
    if any(word in _ENTITY_FORMS or word in _PLACE_OR_FORM or word in _PERSON_WORDS for word in words):
        return False
    return not any(PROVIDER_WORDS.get(_PROVIDER_SEPARATORS.sub(" ", word).strip()) for word in words)


# An independent clinical laboratory's name ('QUEST LAB', 'LABCORP', 'XYZ CLINICAL LABORATORY') names the entity that
# bills its tests, not a practitioner: an independent laboratory is "independent both of an attending or consulting
# physician's office and of a hospital" and bills its own tests on its own claim (Claims Processing Manual ch. 16
# §10.1, §40.1; Medicare pays a test only to the lab that performed it or, under §40.1's exceptions, the referring lab:
# SSA §1833(h)(5)(A)), at POS 81, not on the ordering practitioner's claim. Read as a blank cell (the run's --provider,
# no note, the column read), as an IDTF's name is, and its rows a claim of their own (``lab_cell``: batch.claims.
# billing_entity), as a DMEPOS supplier's are: a practice's export giving the lab's rows its physician's claim id said
# "the rules ran without line 2" on the lab's tests, and its NP's 99213 beside them was priced at a physician's 100%
# (the column unread). A lab's word and another word that is no qualifier make the name; a sleep, vascular, cath or
# other diagnostic lab is an IDTF's (``diagnostic_facility_name``); a name with an entity's form or a practitioner's
# credential, or a person's word ('Lab Tech'), keeps its reading.
_LAB_WORDS = frozenset({"lab", "labs", "laboratory", "laboratories", "labcorp"})
_NOT_CLINICAL_LABS = frozenset({"sleep", "vascular", "cath", "catheterization", "imaging", "echo", "noninvasive",
                                "gait", "motion", "voice", "swallow", "hearing", "eeg", "ep", "pulmonary",
                                "function", "cardiac", "dental", "optical", "photo", "computer"})  # fmt: skip
_LAB_QUALIFIERS = frozenset({"clinical", "medical", "reference", "pathology", "diagnostic", "the", "of", "and", "&"})


def independent_lab_name(text: str) -> bool:
    """Whether a provider cell is an independent clinical laboratory's name without an entity's form (above)."""
    if reference_lab_name(text):
        return True
    words = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", text.strip()) if word.strip(",.")]
    if not any(word in _LAB_WORDS for word in words) or diagnostic_facility_name(text):
        return False
    # A diagnostic test's lab ('EEG LAB', 'SLEEP LAB', 'ECHO LAB': _NOT_CLINICAL_LABS) is a lab's name too, read as a
    # blank cell; ``lab_cell`` keeps its rows on the visit's claim, as a 'PFT LAB's are (a sleep and neurodiagnostics
    # group's 'NORTH EEG LAB' left its 'Provider' column unread, the NP's 99204 priced at 100%)
    if any(word in _ENTITY_FORMS or word in _PLACE_OR_FORM or word in _PERSON_WORDS for word in words):
        return False
    if any(PROVIDER_WORDS.get(_PROVIDER_SEPARATORS.sub(" ", word).strip()) for word in words):
        return False  # a practitioner's credential ('LAB, JOHN MD'): not the lab's name
    if "labcorp" in words:
        return True
    return any(word not in _LAB_WORDS and word not in _LAB_QUALIFIERS for word in words)


# A lab's name saying it is a practice's or a hospital's own ('IN-HOUSE LAB', 'OFFICE LAB', 'POC LAB', 'HOSPITAL LAB',
# 'ST JOSEPH HOSPITAL LABORATORY') names no independent laboratory: one is "independent both of the attending or
# consulting physician's office and of a hospital" (SSA POMS HI 00610.130 A; Claims Processing Manual ch. 16 §10.1).
# Its cell is still read as a blank one (``independent_lab_name``: no practitioner's credential, the column read), but
# its rows stay on the claim id's claim, the practice's or hospital's: an in-office lab's 80053 beside its physician's
# 99213 under claim O1 was cut to a claim "O1 (lab)" of its own and counted as an independent lab's.
_OWN_LAB_WORDS = frozenset({"office", "in-house", "inhouse", "house", "in-office", "poc", "point", "hospital", "hosp",
                            "physician", "physicians", "practice"})  # fmt: skip
# Nor is a practice's diagnostic lab of PFS tests ('CARDIOLOGY LAB' 93000, 'PFT LAB' 94060, 'ANTICOAG LAB'): no
# clinical laboratory's examination of "materials derived from the human body" (SSA POMS HI 00610.130 B), its rows
# the practice's claim, where they were cut to "<id> (lab)" and counted as an independent lab's.
# A neurodiagnostic lab's tests likewise ('EMG LAB' 95886, 95910; 'NEUROPHYSIOLOGY LAB'; 'EEG LAB' 95816): a sleep and
# neurodiagnostics group's 'EMG LAB' rows were cut from the visit to a claim "<id> (lab)" and counted as an independent
# lab's. The tests' labs of _NOT_CLINICAL_LABS ('SLEEP LAB', 'ECHO LAB', 'CATH LAB') are none either.
_DIAGNOSTIC_LAB_WORDS = frozenset({"cardiology", "cardio", "heart", "ekg", "ecg", "stress", "pft", "pulmonology",
                                   "anticoag", "anticoagulation", "coumadin", "neuro", "neurodiagnostic", "allergy",
                                   "audiology", "vein", "wound", "sim", "simulation",
                                   "emg", "ncs", "eeg", "neurophysiology", "electrodiagnostic", "nerve", "conduction",
                                   "epilepsy", "neurology", "neuromuscular"})  # fmt: skip


def lab_cell(value: str) -> bool:
    """Whether a provider cell names an independent laboratory (``independent_lab_name``, not a practice's or hospital's
    own lab nor a diagnostic one: ``_OWN_LAB_WORDS``, ``_DIAGNOSTIC_LAB_WORDS``): its rows are the lab's claim
    (batch.claims.billing_entity)."""
    if not independent_lab_name(value):
        return False
    words = {word.strip("()[]-'").lower().replace(".", "") for word in re.split(r"[,\s/]+", value) if word.strip()}
    return not words & (_OWN_LAB_WORDS | _DIAGNOSTIC_LAB_WORDS | _NOT_CLINICAL_LABS)


def _a_credential(word: str) -> bool:
    """Whether a word of a name's cell is a credential rvucalc knows (a practitioner's, an assistant's, or one naming
    no practitioner), not a name's word or initial."""
    listed = _listed_words(word)
    return bool(listed) and all(
        item in PROVIDER_WORDS or item in ASSISTANT_CREDENTIALS or not _names_a_practitioner(item) for item in listed
    )


# A billing system's name with its credential in parentheses ('Lee, Anna (NP)', 'SMITH, JOHN (MD)', 'Anna Lee (PA-C)'),
# and NCCPA's Certificate of Added Qualifications in Hospital Medicine written with a space ('KHAN, RAJ PA-C, CAQ HM'):
# a review found each left a whole provider column unread, its NP's and PA's lines priced at a physician's 100%. Read as
# 'Lee, Anna NP' and 'CAQ-HM' are. Only a credential ``provider_of`` reads (no number, no taxonomy code) comes out of
# its parentheses: '(Main Campus)', '(21)' stay as written.
_PARENTHESISED_CREDENTIAL = re.compile(r"(?P<name>.*[^\s(])\s*\(\s*(?P<credential>[A-Za-z][A-Za-z.\- ]*?)\s*\)\s*")
_CAQ_WITH_SPACE = re.compile(r"\bCAQ\s+(?=HM\b)", re.IGNORECASE)


def _credential_out_of_parentheses(text: str) -> str:
    """A name's cell with its credential out of parentheses, and 'CAQ HM' as 'CAQ-HM' (above)."""
    text = _CAQ_WITH_SPACE.sub("CAQ-", text)
    found = _PARENTHESISED_CREDENTIAL.fullmatch(text.strip())
    if found is None:
        return text
    key = _PROVIDER_SEPARATORS.sub(" ", found["credential"].lower().replace(".", "")).strip()
    # a nurse's or technologist's credential too ('LEE, KIM (RPFT)', 'DOE, JANE (RN)'): its row's own note, the column
    # read, where '(RPFT)' kept a generic one and the column of names unread
    staff = key in NON_BILLING_NURSES or key in REGISTERED_NURSE_CERTIFICATIONS or key in NON_BILLING_TECHNICIANS
    if not staff and (key not in PROVIDER_WORDS or not PROVIDER_WORDS[key]):
        return text
    return f"{found['name']} {found['credential']}"


def _before_the_degrees(words: list[str]) -> int:
    """The place of the word before a doctorate after a name and the degrees and fellowships naming no practitioner
    between them ('SMITH, JO MD, MPH, PHD': the MD's place), never one of the name's own first three words."""
    at = len(words) - 2
    while (
        at > 2
        and (listed := _listed_words(words[at]))
        and all(word in NOT_PRACTITIONER_TYPES and not _names_a_practitioner(word) for word in listed)
    ):
        at -= 1
    return at


def _physician_with_a_doctorate(words: list[str]) -> int | None:
    """Where a name's words, ending in a physician's degree then a PhD ('SMITH, JO MD, PHD'), have that degree (None
    where they do not): the PhD a research doctorate, the MD or DO the credential. Degrees and fellowships that name
    no practitioner may stand between them ('SMITH, JO MD, MPH, PHD', 'DO, MS, PHD', 'MD, FACS, PHD':
    ``NOT_PRACTITIONER_TYPES``): a review found 'MD, MPH, PHD' read as a psychologist's PhD, the physician's 99213
    denied as a psychologist's E/M visit. A word rvucalc does not know keeps the PhD read as before (another
    practitioner's license before it: ``_license_before_a_doctorate``); the name's own words are never passed over
    ('DO, ANH MPH, PHD': Do is the surname)."""
    if len(words) < 4 or words[-1].replace(".", "").upper() != "PHD":
        return None
    at = _before_the_degrees(words)
    return at if words[at].replace(".", "") in ("MD", "DO") else None


# A practitioner's one license before a doctorate after the name ('SMITH, JOHN LCSW, PHD', 'JONES, AMY LMFT, PHD', 'LEE,
# KIM NP, PHD', 'DOE, JAN PA-C, PHD'): the license, as the same credentials in a cell of their own are read ('LCSW,
# PhD': ``_credentials_listed``), not a psychologist's PhD. Medicare's clinical psychologist "holds a doctoral degree in
# psychology" and is licensed or certified by the State "at the independent practice level of psychology" (42 CFR
# 410.71(d)), and a clinical social worker holds "a master's or doctor's degree in social work" (42 CFR 410.73(a)(1);
# Benefit Policy Manual ch. 15 §170): a doctorate beside an LCSW's, LMFT's, NP's or PA's license is that license's
# degree, and the line is paid as theirs (a CSW's 75%: 42 CFR 414.65, Claims Processing Manual ch. 12 §150; an NP's or
# PA's 85%: 42 CFR 414.56(c), 414.52). A review found each read as a psychologist's: the NP's and PA's 99213 denied (a
# clinical psychologist bills no E/M visit) and the LCSW's 90834 paid a psychologist's 100%. A nurse's RN before it
# ('DOE, JANE RN, PHD') is the nurse's, as 'DOE, JANE PhD, RN' is. 'SMITH, JANE PHD' alone and 'PHD, LP' stay a
# psychologist's; a license that is a psychologist's ('LP, PHD') or a doctorate ('PSYD, PHD') changes nothing.
def _license_before_a_doctorate(words: list[str]) -> int | None:
    """Where a name's words ('SMITH', 'JOHN', 'LCSW', 'PHD') end in one practitioner's or nurse's license then a PhD
    or PsyD, two words of the name before them (above), the license's place (None where they do not). Degrees and
    certifications that name no practitioner may stand between them ('SMITH, JOHN LCSW, MSW, PHD'), as between an MD
    and a PhD (``_physician_with_a_doctorate``)."""
    if len(words) < 4 or words[-1].replace(".", "").lower() not in DOCTORAL_DEGREES:
        return None
    at = _before_the_degrees(words)
    for place in (at, len(words) - 2):  # the license before the degrees, else a nurse's just before the doctorate
        listed = _listed_words(words[place])
        if len(listed) != 1 or sum(1 for word in words[:place] if _NAME_WORD.search(word)) < 2:
            continue
        (word,) = listed
        if place == len(words) - 2 and word in NON_BILLING_NURSES:
            return place
        if (bool(PROVIDER_WORDS.get(word)) and _names_a_practitioner(word) and word not in DOCTORAL_DEGREES
                and PROVIDER_WORDS[word] != "psychologist"):  # fmt: skip
            return place
    return None


# One word of the name, then a practitioner's license or a physician's MD, then a PhD or PsyD ('SMITH NP, PHD', 'SMITH
# MD, PHD', 'SMITH LCSW, PHD'): the license, as with the surname and the given name before it ('LEE, KIM NP, PHD':
# ``_license_before_a_doctorate``; 'SMITH, JO MD, PHD': ``_physician_with_a_doctorate``) and as the same credentials in
# a cell of their own are read ('NP, PhD'). A review found 'SMITH NP, PHD''s 99214 denied as a psychologist's E/M visit
# where the NP's 85% is paid (42 CFR 414.56). A DO there is the surname, as it is before a credential or a suffix
# after the comma ('ANH DO, MD', 'ANH DO, JR': ``_surname_credential_given``; only a given name after the comma makes
# it the credential, 'TRAN DO, VAN'): 'ANH DO, PHD' (Anh Do, PhD) stays a psychologist's.
def _one_name_word_license_doctorate(words: list[str]) -> str | None:
    """Where a name's words are one name word, a practitioner's license in capitals, degrees that name no
    practitioner perhaps, and a PhD or PsyD ('SMITH', 'NP', 'PHD'), the license as a PROVIDER_WORDS key; else None."""
    if len(words) < 3 or words[-1].replace(".", "").lower() not in DOCTORAL_DEGREES:
        return None
    name, license_word = words[0], words[1]
    if not _NAME_WORD.search(name) or _a_credential(name) or license_word != license_word.upper():
        return None
    if license_word.replace(".", "") == "DO":
        return None  # 'ANH DO, PHD': Do is the surname (above)
    between = [word for middle in words[2:-1] for word in _listed_words(middle)]
    if not all(word in NOT_PRACTITIONER_TYPES and not _names_a_practitioner(word) for word in between):
        return None
    listed = _listed_words(license_word)
    if len(listed) != 1:
        return None
    (word,) = listed
    if (not PROVIDER_WORDS.get(word) or not _names_a_practitioner(word) or word in DOCTORAL_DEGREES
            or PROVIDER_WORDS[word] == "psychologist"):  # fmt: skip
        return None
    return word


# A surname with the credential after it, then the given name ('GARCIA MD, LUIS', 'NGUYEN PA-C, TAM', 'LEE NP, ANN
# M'), as some practice management systems list their providers: read as 'GARCIA, LUIS MD'. An interventional pain
# practice's trial: one 'GARCIA MD, LUIS' beside fourteen names ending in their credential left its 'Rendering' column
# unread, its PAs' 99214 priced at a physician's 100% ($132.86 in ZIP 85016, 2026-08-05, not 85%: $112.93). One word of
# surname, a credential rvucalc reads in capitals (PROVIDER_WORDS), a given name and perhaps an initial.
# A technologist's registry or a fellowship in that place ('JONES CNIM, AMY', 'JONES RPSGT, AMY', 'GARCIA MD FACNS,
# LUIS': a sleep and neurodiagnostics group's export in that form) is read so too, each word a credential rvucalc knows
# (``_a_credential``): they left the column of 'GARCIA MD, LUIS' and 'NGUYEN PA-C, TAM' unread, its PA's 99214 at 100%.
# The given name may be two words and a suffix ('NGUYEN NP, MARY ANN', 'SMITH MD, JOHN JR', 'LEE NP, ANN M JR'): a
# review found both left unread, a column of such names beside 'PATEL, ANIL MD' unread and its NP's 99213 at 100%. Each
# word of it is no credential (``_surname_credential_given``): 'SMITH MD, JOHN PA' stays as written.
_GIVEN_NAME = r"([A-Za-z][A-Za-z'\-]+(?: [A-Za-z][A-Za-z'\-]+)?(?: [A-Za-z]\.?)?(?: (?i:jr|sr|ii|iii|iv)\.?)?)"
_SURNAME_CREDENTIAL_GIVEN = re.compile(
    r"([A-Za-z][A-Za-z'\-]+) ([A-Z][A-Z.\-]*[A-Z.](?: [A-Z][A-Z.\-]*[A-Z.])*), " + _GIVEN_NAME
)


# A surname's suffix after the comma ('ANH DO, JR'), no given name: the cell is no 'SURNAME CRED, GIVEN'.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# The same with more credentials between commas before the given name ('OKONKWO MD, FCCP, CHIDI', 'NGUYEN NP, FNP-C,
# LINH'), as some exports list them: read as 'OKONKWO, CHIDI MD, FCCP'. A review found one such cell raise and leave a
# whole provider column unread, every NP's and PA's line in it priced at a physician's 100%. Each item between the
# first credential and the given name is a credential rvucalc knows (``_a_credential``); the last item is the given
# name only where it is no credential ('SMITH MD, FCCP, PA-C' stays a list ending in the PA-C).
_SURNAME_CREDENTIALS_GIVEN = re.compile(
    r"([A-Za-z][A-Za-z'\-]+) ([A-Z][A-Z.\-]*[A-Z.](?: [A-Z][A-Z.\-]*[A-Z.])*)"
    r"((?:, [A-Za-z][A-Za-z.\-/()]*(?: [A-Za-z][A-Za-z.\-/()]*)*)+), " + _GIVEN_NAME
)


def _surname_credential_given(text: str) -> str:
    """'GARCIA MD, LUIS' as 'GARCIA, LUIS MD' (``_SURNAME_CREDENTIAL_GIVEN``) and 'OKONKWO MD, FCCP, CHIDI' as
    'OKONKWO, CHIDI MD, FCCP' (``_SURNAME_CREDENTIALS_GIVEN``); any other text as it is."""
    found = _SURNAME_CREDENTIAL_GIVEN.fullmatch(text.strip())
    more = ""
    if found is None:
        found = _SURNAME_CREDENTIALS_GIVEN.fullmatch(text.strip())
        if found is None:
            return text
        surname, credential, more, given = found.groups()
        if not all(_a_credential(item) for item in more.split(", ")[1:]):
            return text  # 'SMITH MD, JOHN, ANN': a word between the commas that is no credential
        # A DO before a doctorate ('ANH DO, PHD, CAQ', 'ANH DO, PSYD, ABC') is the surname Do, as in 'ANH DO, PHD'
        # (``_one_name_word_license_doctorate``): the word after it is a credential rvucalc does not know, no given
        # name. A review found 'ANH DO, PHD, CAQ' read as 'ANH, CAQ DO, PHD', a physician's, where 'ANH DO, PHD' is
        # a psychologist's; it stays unread, its note saying so.
        if credential.replace(".", "") == "DO" and any(
            word in DOCTORAL_DEGREES for item in more.split(", ")[1:] for word in _listed_words(item)
        ):
            return text
    else:
        surname, credential, given = found.groups()
    # the word after the comma read as a credential is ('PA-C' as 'pa c'): 'SMITH MD, PA-C' stays the PA's
    given_key = _PROVIDER_SEPARATORS.sub(" ", given.lower().replace(".", "")).strip()
    if given_key in PROVIDER_WORDS or given_key in NOT_PRACTITIONER_TYPES or given_key in DOCTORAL_DEGREES:
        return text  # 'ANH DO, PHD' and 'ANH DO, MD': Do is the surname, the degree after the comma the credential
    if given_key in _ENTITY_FORMS or given_key in _PROFESSIONAL_FORMS or given_key in _NAME_SUFFIXES:
        return text  # 'PAIN MD, LLC', 'SMITH DO, PC': a practice's name and its form; 'ANH DO, JR': Do is the surname
    given_words = [_PROVIDER_SEPARATORS.sub(" ", word.lower().replace(".", "")).strip() for word in given.split()]
    if any(
        len(word) > 1
        and (word in PROVIDER_WORDS or word in NOT_PRACTITIONER_TYPES or word in DOCTORAL_DEGREES
             or word in _ENTITY_FORMS or word in _PROFESSIONAL_FORMS or (word in _NAME_SUFFIXES and at == 0))
        for at, word in enumerate(given_words)
    ):  # fmt: skip
        return text  # 'SMITH MD, JOHN PA': a credential or a practice's form among the given name's words (above)
    if " " in credential:  # 'GARCIA MD FACNS, LUIS': every word a credential (above), no surname's
        return f"{surname}, {given} {credential}{more}" if all(map(_a_credential, credential.split())) else text
    key = _registry_word(_PROVIDER_SEPARATORS.sub(" ", credential.lower().replace(".", "")).strip())
    return f"{surname}, {given} {credential}{more}" if key in PROVIDER_WORDS or _a_credential(credential) else text


# A fellowship after a name with no license ('SMITH, JOHN FAAOS', 'JONES, ANN FACS'), as older exports list surgeons:
# where the fellowship's published rules admit physicians alone it says "physician" (SSA §1861(r): the full PFS
# amount), and is read so. The AAOS's Active Fellow (FAAOS) must "Be certified by the American Board of Orthopaedic
# Surgery (ABOS), the American Osteopathic Board of Orthopaedic Surgery (AOBOS), or the Royal College of Physicians and
# Surgeons of Canada (RCPSC)" and "Maintain a full, unrestricted, and unlimited license to practice medicine" (AAOS,
# "Become an AAOS Active Fellow"); "The American College of Surgeons admits to its Fellowship only those surgeons whose
# professional activity is devoted to surgical practice" (facs.org, "Fellowship Requirements"), graduates of an
# approved medical school certified by a surgical specialty board, a single-degree oral and maxillofacial surgeon (DDS,
# DMD) by the AAOMS's pathway (facs.org, "Waiver"): a dentist is a physician too (SSA §1861(r)(2)). Not the ACC's FACC:
# "Fellows of the ACC are adult cardiologists, pediatric cardiologists, cardiovascular surgeons, researchers and
# academicians, or specialists in a cardiovascular-related field" (acc.org, "ACC's Annual Convocation Ceremony"), its
# NPs' and PAs' designation AACC, yet an NP signs FACC ('DNP, ACNS-BC, ANP-BC, FACC' among the authors of the ACC's
# "2020 Clinical Competencies for Nurse Practitioners and Physician Assistants"): FACC alone, and any other fellowship,
# degree or certification alone after a name, is not read (``_no_license_after_name``: the row noted, the column read).
# A review's column of 'SMITH, JOHN FAAOS' beside 'NGUYEN, LINH NP' was left unread, the NP's 99213 at 100%.
PHYSICIAN_FELLOWSHIPS = frozenset({"faaos", "facs"})


def _no_license_after_name(value: str, credential: str | None) -> bool:
    """Whether a name's cell ends in fellowships, degrees or certifications that name no practitioner and no license
    (``credential``: its ``_credential_of_name``): 'LEE, KIM FACC', 'DOE, JANE MSN' (above)."""
    return (
        credential is not None
        and credential in NOT_PRACTITIONER_TYPES
        and credential not in PROVIDER_WORDS
        and credential not in NON_BILLING_NURSES
        and credential not in NON_BILLING_TECHNICIANS
        and credential not in SHARED_WOUND_CERTIFICATIONS
        and not business_name(value)
    )


# One word of the name, a practitioner's license in capitals, then fellowships or degrees naming no practitioner
# ('OKONKWO MD, FCCP', 'PATEL MD, FACC, FSCAI', 'LEE NP, FAANP'): the license, as 'OKONKWO MD, FCCP, CHIDI' and
# 'OKONKWO, CHIDI MD, FCCP' are read (a review found the cell without its given name refused: 'fccp' is no
# practitioner, and a column of names beside it left unread). A DO there may be the surname ('ANH DO, FACOI'): not read
# so, as 'ANH DO, PHD' is not (``_one_name_word_license_doctorate``).
def _one_name_word_license_fellowships(words: list[str]) -> str | None:
    """Where a name's words are one name word, a practitioner's license in capitals and fellowships or degrees that
    name no practitioner ('OKONKWO', 'MD', 'FCCP'), the license as a PROVIDER_WORDS key; else None."""
    if len(words) < 3:
        return None
    name, license_word = words[0], words[1]
    if not _NAME_WORD.search(name) or _a_credential(name) or license_word != license_word.upper():
        return None
    if license_word.replace(".", "") == "DO":
        return None  # 'ANH DO, FACOI': Do may be the surname (above)
    after = [word for item in words[2:] for word in _listed_words(item)]
    if not after or not all(word in NOT_PRACTITIONER_TYPES and not _names_a_practitioner(word) for word in after):
        return None
    listed = _listed_words(license_word)
    if len(listed) != 1 or not PROVIDER_WORDS.get(listed[0]) or not _names_a_practitioner(listed[0]):
        return None
    return listed[0]


# Credentials written in mixed case or with points between their letters, read as written in capitals: the
# psychologist's and audiologist's doctorates, CCI's RPhS ('R.Ph.S.'), and the degrees a technologist or trainer lists
# before the registry's ('DOE, JANE M.Ed., ATC': an athletic trainer with a master's in education). A review found
# 'SMITH, JOHN R.Ph.S.' and 'DOE, JANE M.Ed., ATC' each left a column of names unread, an NP's line beside them at 100%.
_MIXED_CASE_DOTLESS = frozenset({
    *(credential.replace(".", "") for credential in _MIXED_CASE_CREDENTIALS),
    "MEd", "MSc", "DMSc", "MMSc", "DrPH", "DHSc", "EdD", "DScPAS",
})  # fmt: skip


def _credential_of_name(text: str) -> str | None:
    if text == text.lower() and text != text.upper():
        # A cell written all in lower case ('smith, john md', 'lee, amy pa-c': an export folded to lower case) has lost
        # the capitals that tell a credential from a name word: read as its capitals are ('anh do, phd' as 'ANH DO,
        # PHD', a psychologist's), where one such cell left a whole 'Rendering Provider' column unread and its NP's and
        # PA's lines at a physician's 100% (a review)
        text = text.upper()
    text = _credential_out_of_parentheses(_without_specialties(text))  # 'ORTIZ, ANA RDCS (AE)': the RDCS's
    text = _surname_credential_given(text)  # 'GARCIA MD, LUIS': the MD's
    if business_name(text):  # a practice's name: its 'PA' is the entity's form, not a credential (business_name)
        return None
    # A list of credentials rvucalc knows is no name ('Psychiatry, NP, LCSW' was read as the LCSW of one 'Psychiatry
    # NP', 75%): such a cell is read as a list (``_credentials_listed``), and one naming two practitioner types is not
    # read, with its note, as 'NP, LCSW' is. A name has a word no credential is ('DO, ANH MD': Anh).
    if _credential_words(text) or _psychologists_board_beside_another_license(text):
        return (
            None  # ... and 'SMITH, JOHN LCSW, ABPP, PHD': a psychologist and a CSW, as its cell (_PSYCHOLOGISTS_BOARD)
        )
    # ARRT's 'RT (R) (ARRT)' one word, as 'RT(R)(ARRT)' is (_ARRT_CREDENTIAL)
    words = [word for word in re.split(r"[,\s]+", re.sub(r"\s+(?=\()", "", text.strip())) if word]
    if (degree := _physician_with_a_doctorate(words)) is not None:
        words = words[: degree + 1]  # 'SMITH, JO MD, PHD': a physician with a research doctorate too
    # A license before a word that names no practitioner ('DOE, JOHN LICSW, LADC', 'LEE, SAM PA-C, MPAS': a review
    # found both priced as a physician's): the license, as a credential cell's list reads it (_credentials_listed).
    # Only after a credential: a middle initial before it is the name's ('DOE, JOHN A NRP', 'DOE, JANE A RN': the
    # crew member's or nurse's, not an 'A' practitioner left unread with its column).
    left_out: list[str] = []
    while (len(words) > 3 and (last := _listed_words(words[-1])) and not any(map(_names_a_practitioner, last))
           and _a_credential(words[-2])):  # fmt: skip
        left_out += last
        words = words[:-1]
    if (degree := _physician_with_a_doctorate(words)) is not None:
        # 'HARRIS, DAVID MD, PHD, FACS': the fellowship left out, the physician's PhD is the research doctorate beside
        # 'MD' ('MD, PHD' above), not a psychologist's (a urology trial's MD, PhD surgeon's 99213 was denied as a
        # psychologist's E/M visit, its NP's lines in the column beside it read)
        words = words[: degree + 1]
    if (license_at := _license_before_a_doctorate(words)) is not None:
        words = words[: license_at + 1]  # 'SMITH, JOHN LCSW, PHD': the LCSW's doctorate, an LCSW (above)
    if (one_word_license := _one_name_word_license_doctorate(words)) is not None:
        return one_word_license  # 'SMITH NP, PHD': the NP's doctorate, an NP (above)
    if (one_word_license := _one_name_word_license_fellowships(words)) is not None:
        return one_word_license  # 'OKONKWO MD, FCCP': the MD's fellowship, a physician (above)
    if len(words) < 3 or sum(1 for word in words[:-1] if _NAME_WORD.search(word)) < 2:
        return None
    if _masters_psychologist(" ".join(words[-2:])):  # 'ROE, MARY MA, LP': no doctorate, no psychologist (410.71(d))
        return None
    # Two practitioner types after the name ('FOX, AMY APRN-FNP, CNM', 'SMITH, JO LCSW, MD') are not read, as the
    # same list alone is not ('APRN-FNP, CNM': ``two_types_reason``): a review found the name's last credential read
    # ('FOX, AMY APRN-FNP, CNM' a CNM's 100%, 'FOX, AMY CNM, APRN-FNP' an NP's 85%, 'SMITH, JO LCSW, MD' a
    # physician's), where ``rvucalc price --provider 'APRN-FNP, CNM'`` was refused. The APRN's title and a doctorate
    # beside one license stay that license's ('KELLY, ANN CRNA, APRN', 'DOE, JANE PHD, APRN': ``_credentials_listed``).
    # A physician's degree first ('SMITH, JOHN MD, PA-C': a foreign medical graduate working as a PA) stays the
    # license after it, as a review decided (test_batch_provider_surname_credential_then_given_name).
    after_name = ", ".join(words[2:])
    kinds = _kinds_listed(after_name)
    if len(kinds) > 1 and kinds[0] != _KIND_WORDS["physician"] and _credentials_listed(after_name) is None:
        return None
    credential = words[-1]
    nurse = next((word for word in left_out if word in NON_BILLING_NURSES), None)
    if nurse is not None and credential.replace(".", "").lower() in DOCTORAL_DEGREES:
        return nurse  # 'DOE, JANE PhD, RN': a nurse's doctorate (_credentials_listed's 'PhD, RN'), the nurse's row
    if credential.replace(".", "") in _MIXED_CASE_DOTLESS:  # 'PhD', 'R.Ph.S.', 'M.Ed.' (_MIXED_CASE_DOTLESS)
        read = credential.lower().replace(".", "")
    elif credential != credential.upper() or not credential.isascii() or not credential[:1].isalpha():
        return None
    else:
        read = _registry_word(_PROVIDER_SEPARATORS.sub(" ", credential.lower().replace(".", "")).strip())
    if (
        read in NOT_PRACTITIONER_TYPES
        and read not in PROVIDER_WORDS
        # 'DOE, JANE FACS, RN', 'LEE, KIM FAAOS, CST': the nurse's or technologist's row, not a physician's
        and not {read, *left_out} & (NON_BILLING_NURSES | NON_BILLING_TECHNICIANS)
        and {read, *left_out} & PHYSICIAN_FELLOWSHIPS
    ):
        return "physician"  # 'SMITH, JOHN FAAOS', 'JONES, ANN FACS': a physician's fellowship (PHYSICIAN_FELLOWSHIPS)
    if read in _APRN_ALONE and len(words) >= 3 and (own := _aprn_type(words[-2])) is not None:
        # 'KELLY, ANN CRNA, APRN': the CRNA's, as a cell of 'CRNA, APRN' is (_credentials_listed); a surname alone
        # before them too ('KELLY CRNA, APRN', read as a name: its 00811-QZ was an NP's 85%, $102.92, not $121.08)
        return own
    technologist = next((word for word in left_out if word in NON_BILLING_TECHNICIANS), None)
    if technologist is not None and read in NOT_PRACTITIONER_TYPES and read not in PROVIDER_WORDS:
        # 'ORTIZ, ANA BS, RDMS', 'KIM, JO MS, ACSM-CEP': a degree before the registry's, the technologist's
        return technologist
    return read


# A cell of several credentials ('PhD, ABPP', 'PHD, LMFT', 'LCSW, PhD'): a board certification (ABPP, the American
# Board of Professional Psychology's) says nothing of who bills; a doctorate (PhD, PsyD) is a degree, not a license:
# the one license beside it is the credential the practitioner enrols and bills under ('PHD, LMFT': an LMFT, paid as a
# csw; 'PhD, ABPP': a psychologist). Two licenses naming different practitioners ('NP, LCSW', 'NP, RD') are not read.
BOARD_CERTIFICATIONS = frozenset({"abpp"})
DOCTORAL_DEGREES = frozenset({"phd", "psyd"})
# ABPP certifies psychologists alone: "relevant jurisdictional licensure as a psychologist" and a doctoral degree are
# its minimum prerequisites (ABPP, as Springer's Encyclopedia of Clinical Neuropsychology restates it). Beside another
# practitioner's license ('LCSW, ABPP, PHD', 'SMITH, JOHN LCSW, ABPP, PHD') it names a psychologist who is that
# practitioner too: two practitioner types, not read, as 'NP, LCSW' is (``two_types_reason``). A review found the name
# read as a psychologist's (100%) and the cell as a CSW's (75%).
_PSYCHOLOGISTS_BOARD = "abpp"


def _psychologists_board_beside_another_license(text: str) -> bool:
    """Whether a cell or name holds ABPP and another practitioner's license than a psychologist's (above)."""
    listed = _listed_words(text)
    return _PSYCHOLOGISTS_BOARD in listed and len(_kinds_listed(text)) >= 2


# A diagnostic technologist's registry credential bills under no number of its own either: the sonographers' and
# vascular technologists' (ARDMS: RDMS, RDCS, RVT), the cardiovascular technologists' (CCI: RCS, RVS, RCCS, RCIS, CCT,
# CRAT), the sleep technologists' (BRPT: RPSGT, CPSGT; RST), the radiologic and nuclear medicine technologists' (ARRT,
# RT(R), RT(CT), RT(MR), RT(N); NMTCB: CNMT) and the bone densitometry technologists' (ISCD: CBDT). An independent
# diagnostic testing facility "performs only diagnostic tests by licensed, certified non-physician personnel under
# appropriate physician supervision" (42 CFR 410.33, as CMS's IDTF LCD L33910 and First Coast's IDTF page restate it:
# the IDTF keeps the documentation that its "technicians are licensed and/or certified"), and the IDTF enrols
# (CMS-855B) and bills the tests, as a physician practice or hospital bills its own technologists' work: the
# technologist enrols as no practitioner type. An IDTF's trial (sleep lab, echo, vascular, mobile imaging): its
# 'Rendering Provider' column of 'PATEL, ANIL MD' and one 'ORTIZ, ANA RPSGT' was left unread, an NP's 95810-26 priced
# at a physician's 100% ($113.02 in Dallas where the NP's 85% is $96.07). Read as an ophthalmic technician's
# (``NON_BILLING_TECHNICIANS``): the row not read, with its note, the column read; after a practitioner's license
# ('LOPEZ, CARMEN MD, RVT') the license is read (``NOT_PRACTITIONER_TYPES``).
# The neurodiagnostic technologists' likewise: "The authorized professional credentials for Neurodiagnostic
# Technologists include: CAP ..., CLTM ..., CMEG ..., CNIM ..., R. EEG T. ..., R. EEG/EP T. ..., R. EP T. ..., R.NCS.T.
# ..., CNCT ..., RPSGT ..., CPSGT ..., CCSH ... RST" (ASET, "Utilization of Professional Credentials"; ABRET's and
# AAET's registries, BRPT's CCSH), written with its points and spaces ('R. EEG T.': ``_NEURODIAGNOSTIC_REGISTRY``).
# A sleep and neurodiagnostics group's trial: 'JONES, AMY R. EEG T.' (or 'CNIM', 'R.NCS.T.') left its 'Provider'
# column unread, the NP's 99204 at POS 11 in ZIP 55455 priced at a physician's 100% ($174.11, not $147.99). CAP is
# not read (the College of American Pathologists' letters too).
DIAGNOSTIC_TECHNOLOGISTS = frozenset({"rdms", "rdcs", "rvt", "rcs", "rvs", "rccs", "rcis", "cct", "crat", "rpsgt",
                                      "cpsgt", "rst", "arrt", "rt(r)", "rt(ct)", "rt(mr)", "rt(n)", "rt(r)(ct)",
                                      "rt(r)(mr)", "cnmt", "cbdt",
                                      "reegt", "rept", "reegept", "rncst", "cnct", "cnim", "cltm", "na cltm", "cmeg",
                                      "ccsh",
                                      # the NBRC's pulmonary function technologists, a PFT lab's: "If you achieve the
                                      # low-cut score, you earn the Certified Pulmonary Function Technologist (CPFT)
                                      # credential. If you earn the high cut score, ... the Registered Pulmonary
                                      # Function Technologist (RPFT)" (nbrc.org, "Excel in Your Career With the PFT
                                      # Credential"); a pulmonary group's trial: 'NOWAK, TOM RRT, RPFT' left its
                                      # 'Rendering' column unread, the NP's 99213 priced at 100%
                                      "rpft", "cpft",
                                      # CCI's Registered Phlebology Sonographer and Registered Cardiac
                                      # Electrophysiology Specialist (CCI's examination booklet lists RPhS and RCES
                                      # beside RCS, RCIS and RVS; the SVU, "Vascular Ultrasound": a vascular study
                                      # "Performed by a technologist who is credentialed in vascular technology ...
                                      # RVT, ... RVS or Registered Phlebology Sonographer (RPhS)"); a vein
                                      # practice's trial: 'MD, DABVLM, RPhS' was refused, and an 'RPhS' row's cell
                                      # named no technologist
                                      "rphs", "rces"})  # fmt: skip
# A respiratory therapist's or clinical exercise physiologist's credential bills under no number of its own either:
# the NBRC's Registered and Certified Respiratory Therapist (RRT, CRT) and their specialty forms (RRT-NPS, RRT-ACCS,
# RRT-SDS, CRT-NPS, CRT-SDS), the American College of Sports Medicine's Clinical Exercise Physiologist (ACSM-CEP; its
# Registered Clinical Exercise Physiologist, RCEP, and Clinical Exercise Specialist, CES, before), its Exercise
# Physiologist (ACSM-EP, EP-C) and the Clinical Exercise Physiology Association's registered CEP. "Although Medicare
# Part B recognizes a number of non-physician practitioners ... it does not include respiratory therapists and the
# services they furnish" (AARC, "Medicare Respiratory Therapy Initiative Frequently Asked Questions", 2009-02-17): the
# hospital furnishes respiratory care (42 CFR 482.57), and a physician's office bills an RT's work incident to the
# physician's (Benefit Policy Manual ch. 15 §60). Cardiac and pulmonary rehabilitation, where the exercise
# physiologists work, is "provided either by the outpatient department of a hospital or in a physician-directed
# clinic", each patient "under the care of a hospital or clinic physician", its benefit category "Incident to a
# physician's professional Service" (NCD 20.10, Pub. 100-03; Benefit Policy Manual ch. 15 §232 since 2010): the
# hospital or practice bills it. A hospital rehab's trial: 'LEE, SAM RRT' or 'KIM, JO MS, ACSM-CEP' in its 'Service
# Provider' column left the column unread, an NP's line beside them priced at a physician's 100%. Read as a diagnostic
# technologist's (``NON_BILLING_TECHNICIANS``): the row not read, with its note, the column read. RT alone (a
# radiologic technologist's too) is not read.
REHAB_STAFF = frozenset({"rrt", "crt", "rrt nps", "rrt accs", "rrt sds", "crt nps", "crt sds", "acsm cep", "rcep",
                         "acsm rcep", "ces", "acsm ces", "acsm ep", "ep c", "acsm ep c", "cep",
                         # California's licensed Respiratory Care Practitioner (the Respiratory Care Board of
                         # California's RCP, its respiratory therapists' license title)
                         "rcp"})  # fmt: skip
# An athletic trainer's credential bills under no number of its own either: the Board of Certification's certified
# athletic trainer (ATC) and a state's licensed athletic trainer (LAT, e.g. Texas Occupations Code ch. 451), which an
# orthopaedic and sports medicine practice's billing system lists after its trainers' names ('BRANDT, KYLE ATC',
# 'ATC, LAT'). Medicare enrols no athletic trainer (SSA §1842(b)(18)(C) names the practitioners who bill under their
# own number): their work in a practice is billed incident to a physician's or NPP's (Benefit Policy Manual ch. 15
# §60), and a physical therapy service is paid only "if they are furnished by an individual meeting the
# qualifications in part 484 of this chapter for a physical therapist or an appropriately supervised physical
# therapist assistant"; incident to a practitioner's, "the service and the person who furnishes the service must meet
# the standards and conditions that apply to physical therapy and physical therapists, except that a license to
# practice physical therapy in the State is not required" (42 CFR 410.60(a), (a)(3)(iii)). An orthopaedic group's
# trial: one 'BRANDT, KYLE ATC' left its 'Rendering Provider' column unread, the PA's 20611-RT at POS 11 in ZIP 75231
# (2026-08-04) priced at a physician's $103.61, not 85%: $88.07. Read as a technician's name is
# (``NON_BILLING_TECHNICIANS``): the row not read, with its note (``_ATHLETIC_TRAINER_REASON``), the column read;
# after a practitioner's license ('PA-C, ATC', 'PTA, ATC') the license is read (``NOT_PRACTITIONER_TYPES``). And the
# ATC/L a licensed athletic trainer writes after the name ("the ATC/L that many of our members are currently using",
# the Illinois Athletic Trainers' Association, "Keep it ATC"): a review found 'BRANDT, KYLE ATC/L' left the column
# unread, the PA's 20611-RT at POS 11 in ZIP 75231 (2026-08-04) at a physician's $103.61 again.
ATHLETIC_TRAINERS = frozenset({"atc", "lat", "atc/l"})
# The National Board for Certification of Orthopaedic Physician's Assistants' OPA-C (an orthopaedic group's surgical
# and cast room assistant) is no physician assistant's license: "a physician assistant must ... (1) Have graduated from
# a physician assistant educational program that is accredited by the Commission on Accreditation of Allied Health
# Education Programs; or (2) Have passed the national certification examination that is administered by the National
# Commission on Certification of Physician Assistants; and (3) Be licensed by the State to practice as a physician
# assistant" (42 CFR 410.74(c)). An orthopaedic group's trial: one 'LEE, AMY OPA-C' left its 'Rendering Provider'
# column unread, the PA-C's 20611-RT at POS 11 in ZIP 75231 (2026-08-04) priced at a physician's 100%. Read as the
# athletic trainer's is (``NON_BILLING_TECHNICIANS``: the row not read, its note ``_ORTHOPAEDIC_PA_REASON``, the
# column read); beside a PA's license ('PA-C, OPA-C') the license is read (``NOT_PRACTITIONER_TYPES``).
ORTHOPAEDIC_ASSISTANTS = frozenset({"opa c"})
# The National Board of Surgical Technology and Surgical Assisting's Certified Surgical Technologist and Certified
# Surgical First Assistant: "Surgical technologists and surgical first assistants undergo rigorous certifying procedures
# to earn a nationally-recognized credential as a Certified Surgical Technologist (CST) or Certified Surgical First
# Assistant (CSFA). Certification, instead of licensure, was selected by the profession" (AST, "CSTs and CSFAs in the
# Surgical Environment"; nbstsa.org). Medicare pays an assistant at surgery who is a physician (80, 81, 82) or a PA, NP
# or CNS ("Assistant at surgery services by non-physician providers (PA, NP, or CNS), are reimbursed at 85 percent of
# 16 percent", CMS's Medicare FFS compliance item 0222; Claims Processing Manual ch. 12 §20.4.3), no other: "Additional
# clinicians, although skilled, are not recognized for payment by Medicare. These include registered nurse first
# assistant, certified surgical tech, and orthopaedic physician assistant" (AAOS Now, Mar/Apr 2007, "Billing for
# nonphysician assistants at surgery"). A surgical group's 'Rendering Provider' of 'DOE, JANE CSFA' or 'LEE, KIM CST'
# left the column unread, the PA's lines beside them priced at a physician's 100%. Read as the orthopaedic PA's
# certification is (``NON_BILLING_TECHNICIANS``: the row not read, its note ``_SURGICAL_TECHNOLOGIST_REASON``, the
# column read); after a PA's or NP's license ('PA-C, CSFA') the license is read (``NOT_PRACTITIONER_TYPES``).
SURGICAL_TECHNOLOGISTS = frozenset({"cst", "csfa"})
# ARRT's credential as ARRT has it written: "use the R.T. credential [R.T.(*)(ARRT)] after their names", the
# discipline's letters ((R), (N), (T), (M), (CT), (MR), (BD), (CV), (VI), (S) ...) "between the 'R.T.' and the
# '(ARRT)'" (ARRT's "Certification vs Registration"; "Joe Doe RT (R) (ARRT)", Oregon's OAR 337-010-0007), several
# disciplines one after another ('RT(R)(CT)(ARRT)'). A review found 'TRAN, BO RT(R)(ARRT)' left an IDTF's column of
# names unread, the NP's 71046-26 beside it priced at 100%. Read as ARRT's (``_registry_word``); RT alone (a
# respiratory therapist's too) is not.
_ARRT_CREDENTIAL = re.compile(r"rt(?: ?\([a-z]{1,4}\))+")


# ARDMS's specialties after its credential, as ARDMS lists them: "John Doe, RDMS (AB, OB), RDCS (AE, PE)" (Oregon's
# OAR 337-010-0007, "Recognized Credentialing Organizations and Credentials": AB, AE, BR, FE, MSKS, NE, OB, PE, VT,
# PS; OB/GYN as ARDMS names the examination). A review found 'ORTIZ, ANA RDCS (AE)' and 'RDMS (AB, OB)' each left an
# IDTF's column of names unread, an NP's line beside them priced at 100%. Read as the credential without them
# (``_without_specialties``): the technologist's.
_ARDMS_SPECIALTY = r"(?:ab|ae|br|fe|msks|ne|ob(?:\s*/\s*gyn)?|pe|vt|ps)"
_ARDMS_SPECIALTIES = re.compile(
    rf"\b(rdms|rdcs|rvt)\s*\(\s*{_ARDMS_SPECIALTY}(?:\s*[,/;]\s*{_ARDMS_SPECIALTY})*\s*\)", re.IGNORECASE
)


# ABRET's and AAET's registries as their holders write them, points and spaces between the letters ('R. EEG T.',
# 'R. EP T.', 'R. EEG/EP T.', 'R. NCS T.', 'R.NCS.T.': ASET, above), and the American Board of Sleep Medicine's
# Diplomate as the AASM writes it, a comma inside ("Diplomate, American Board of Sleep Medicine or D,ABSM", AASM's
# member announcement as Sleep Review reported it): one word each ('REEGT', 'DABSM'), so a name's words and a
# credential list's items are the credential's, not 'R.', 'T.' or 'D' left unknown.
_NEURODIAGNOSTIC_REGISTRY = re.compile(r"\bR\.?\s*(EEG/EP|EEG|EP|NCS)\.?\s*T\b\.?", re.IGNORECASE)
_DIPLOMATE_ABSM = re.compile(r"\bD\s*[,.]\s*ABSM\b", re.IGNORECASE)


def _without_specialties(text: str) -> str:
    """A cell with ARDMS's specialties after its credentials dropped ('RDMS (AB, OB)' -> 'RDMS': above), and ABRET's
    registries and the ABSM's Diplomate written as one word ('R. EEG T.' -> 'REEGT', 'D,ABSM' -> 'DABSM')."""
    text = _NEURODIAGNOSTIC_REGISTRY.sub(lambda found: "R" + found[1].replace("/", "").upper() + "T", text)
    return _ARDMS_SPECIALTIES.sub(r"\1", _DIPLOMATE_ABSM.sub("DABSM", text))


def _registry_word(word: str) -> str:
    """A credential word as DIAGNOSTIC_TECHNOLOGISTS has it: ARRT's 'rt(r)(ct)(arrt)' (``_ARRT_CREDENTIAL``) as 'arrt',
    any other as given."""
    return "arrt" if _ARRT_CREDENTIAL.fullmatch(word) else word


# A billing system's credential list ('MS, RD', 'RD, CDCES', 'MSN, FNP-BC', 'PT, DPT, OCS'; a review found each unread,
# priced as a physician's line at 100% with a limiting charge): beside the practitioner's type it holds academic
# degrees, the RN license every nurse practitioner holds, and specialty certifications and fellowships, none of them a
# type Medicare enrols or pays by. "DSMT is not a separately recognized provider type" (First Coast Service Options,
# the Florida MAC's enrolment page "Diabetes self-management training (DSMT) provider"): a CDCES (CDE) is paid as the
# dietitian, nurse or pharmacist they are, or not at all. Those words are left out and the rest read as above; a cell
# of them alone ('MSN', 'RN', 'BSN, RN', 'CDCES') names no practitioner: not read, as before. A doctorate not in
# DOCTORAL_DEGREES (DNP, EdD) is a degree too; PhD and PsyD keep their reading ('PhD' alone: a psychologist).
NOT_PRACTITIONER_TYPES = frozenset({
    # degrees: bachelor's, master's (MPAS/MSPAS/MMSc/MMS: a PA's; MSN: a nurse's; MSW beside a clinical license: 'LCSW,
    # MSW'), other doctorates
    "ba", "bs", "bsn", "ma", "ms", "msc", "msn", "mph", "mba", "mha", "med", "mhs", "mpas", "mspas", "mmsc", "mms",
    "msw", "dnp", "edd", "drph", "dhsc",
    # the PA's post-professional doctorate, written after the PA-C ('REED, TINA PA-C, DMSc'): "A Doctor of Medical
    # Science (DMS or DMSc) is a professional doctoral degree ... often pursued by physician assistants", whose
    # "equivalent degree" at one school "uses the postnominals of DScPAS" (Wikipedia, "Doctor of Medical Science"): a
    # degree, the PA's 85% read from the PA-C (42 CFR 414.52). A trial's 'PA-C, DMSc' was unread, where 'DMSc, PA-C' was
    "dmsc", "dscpas",
    # the Doctor of Social Work, a social worker's doctorate ('SMITH, JO LCSW, DSW', 'LCSW, DSW'): the clinical social
    # worker "possesses a master's or doctor's degree in social work" (42 CFR 410.73(a)(1)), the LCSW the license
    "dsw",
    # the registered nurse's license, under every APRN's credential ('MSN, RN, FNP-C'), and the practical or vocational
    # nurse's (NON_BILLING_NURSES): beside a certification ('LPN, WCC') a nurse's cell, read as no practitioner
    "rn", "lpn", "lvn",
    # alcohol and drug counselors' licenses and certifications (Minnesota's LADC, Minn. Stat. §148F; LAC, CADC,
    # LCADC, New York's CASAC): no practitioner type Medicare pays by ("addiction counselors and alcohol and drug
    # counselors who meet all the applicable requirements of an MHC may enroll in Medicare as MHCs", CMS's page
    # "Marriage and Family Therapists & Mental Health Counselors"). Beside a clinical license ('LICSW, LADC', 'LMFT,
    # LADC') the license is read: a trial's were priced at 100%, not the CSW's 75%. Alone: not read, as before.
    # Washington's substance use disorder professional and its trainee (SUDP, SUDPT: RCW 18.205, WAC 246-811; the
    # chemical dependency professional, CDP, CDPT, before 2019, RCW 18.205.090(5)) are such a certification: a Seattle
    # behavioral health trial's 'LICSW, SUDP' was unread, priced at 100% where the LICSW's line is paid 75%.
    "ladc", "lac", "cadc", "lcadc", "casac", "sudp", "sudpt", "cdp", "cdpt",
    # Nebraska's LMHP (STATE_TITLE_CREDENTIALS): beside the professional counselor's title ('LMHP, LPC') the LPC is
    # read; alone, its own note
    "lmhp",
    # certifications: board certified ('FNP, BC'), diabetes care and education (CDCES, CDE, BC-ADM), sports and
    # oncology dietetics (CSSD, CSO), nutrition support (CNSC), the ABPTS's physical therapy specialists (OCS, SCS, NCS,
    # GCS, PCS, WCS, CCS), strength and conditioning (CSCS), athletic trainers (ATC)
    # and the National Board for Certified Counselors' NCC (National Certified Counselor: 'LCPC, NCC' is an LCPC's)
    "ncc", "bc", "cdces", "cde", "bc adm", "cssd", "cso", "cnsc", "ocs", "scs", "ncs", "gcs", "pcs", "wcs", "ccs",
    "cscs", *ATHLETIC_TRAINERS, *ORTHOPAEDIC_ASSISTANTS, *SURGICAL_TECHNOLOGISTS,
    # fellowships of the colleges and academies (surgeons, physicians, family physicians, obstetricians, pediatricians,
    # cardiology, emergency physicians, nursing, nurse practitioners; the American Psychiatric Association's fellow and
    # distinguished fellow, the American Academy of Child and Adolescent Psychiatry's: a psychiatry trial's 'MD,
    # DFAPA' was unread)
    "facs", "facp", "faafp", "facog", "faap", "facc", "facep", "faan", "faanp", "fnap", "fapa", "dfapa", "faacap",
    # cardiology's society fellowships beside FACC: "Fellows of SCAI list the credential abbreviation FSCAI after their
    # names"; a Master Interventionalist (MSCAI) "is a Fellow of the Society" (SCAI's SecondsCount, "If you are
    # referred to an interventional cardiologist"); the Heart Rhythm Society's, the American Society of
    # Echocardiography's, of Nuclear Cardiology's, of Cardiovascular Computed Tomography's, the American Heart
    # Association's and the European Society of Cardiology's (FHRS, FASE, FASNC, FSCCT, FAHA, FESC). A cath lab
    # group's trial: 'NGUYEN, LINDA DO, FSCAI' left its 'Rendering Provider' column unread, a PA's 99223 beside it
    # priced at 100% ($153.78, not $130.71)
    "fscai", "mscai", "fhrs", "fase", "fasnc", "fscct", "faha", "fesc",
    # urology's: the American College of Osteopathic Surgeons' fellowship a DO urologist lists as an MD lists FACS
    # (FACOS), the Royal College of Physicians and Surgeons of Canada's and the European Board of Urology's
    # fellowships (FRCSC, FEBU), the female pelvic medicine and reconstructive surgery subspecialty certification
    # (FPMRS; URPS, its name since 2022), and the Certification Board for Urologic Nurses and Associates' credentials
    # (suna.org, "Eligibility Criteria for each CBUNA credential": the Certified Urology Registered Nurse, Nurse
    # Practitioner, Physician Assistant, Clinical Nurse Specialist and Urologic Associate: CURN, CUNP, CUPA, CUCNS,
    # CUA), each held beside the license a practitioner bills under ('APRN-CNP, CUNP' is the NP's). A urology group's
    # trial: 'BROOKS, ADAM DO, FACOS' (or 'MD, FPMRS', 'PA-C, CUA') left its 'Rendering Provider' column unread, the
    # NP's 99213 beside it in ZIP 43215 priced at a physician's 100% ($85.17 in 2025, not $72.39)
    "facos", "frcsc", "febu", "fpmrs", "urps", "curn", "cunp", "cupa", "cucns", "cua",
    # hospital and critical care medicine's fellowships and certifications, which a hospitalist group's billing system
    # lists after the license ('SMITH, JOHN MD, SFHM', 'PATEL, ANIL MD, FCCP', 'KHAN, RAJ PA-C, CAQ-HM'): the Society of
    # Hospital Medicine's "Fellow in Hospital Medicine (FHM), Senior Fellow in Hospital Medicine (SFHM) or Master in
    # Hospital Medicine (MHM) designations" (hospitalist.wustl.edu, "Meet SHM's newest inductees"), CHEST's FCCP
    # ("Fellow of the American College of Chest Physicians", chestnet.org) and SCCM's FCCM ("Fellow of the American
    # College of Critical Care Medicine", sccm.org), NCCPA's Certificate of Added Qualifications in Hospital Medicine
    # ("a voluntary credential that Certified PAs can earn", nccpa.net, "Specialty CAQs"), and AACN's critical care
    # nurse certification (CCRN) an acute care NP lists beside the NP's ('ACNP-BC, CCRN'). A hospitalist group's
    # trial: 'SMITH, JOHN MD, SFHM' left its 'Rendering Provider' column unread, the NPs' 99232 at POS 21 in ZIP 46601
    # beside it priced at a physician's 100% ($72.56, not $61.68)
    "fhm", "sfhm", "mhm", "fccp", "fccm", "caq hm", "ccrn",
    # orthopaedic surgery's and sports medicine's fellowships and certificate, which an orthopaedic and sports medicine
    # group's billing system lists after the license: "Only those orthopaedic surgeons who successfully meet AAOS'
    # rigorous professional and ethical standards earn the right to use the letters 'FAAOS' (Fellow of the American
    # Academy of Orthopaedic Surgeons) after their names" (orthoinfo.org, "What is FAAOS?"); the American Osteopathic
    # Academy of Orthopedics' fellow ("John H. Drabing, D.O., FAOAO", the AOAO's history); "F.A.B.O.S." for the
    # American Board of Orthopaedic Surgery's certification (Georgia Bone & Joint, "Doctor Titles, What Do They
    # Mean?"); the American College of Sports Medicine's fellow ("Mark R. Hutchinson, M.D., FACSM"); and the
    # Certificate of Added Qualification in Sports Medicine a primary care physician holds (CAQSM, CAQ-SM, as CAQ-HM
    # above). An orthopaedic group's trial: a 'Rendering Provider' column of 'MD, FAAOS', 'DO, FAOAO' or 'MD, CAQSM'
    # cells beside 'PA-C' was left unread, the PA's 20611-RT at POS 11 in ZIP 75231 (2026-08-04) priced at a
    # physician's $103.61, not 85%: $88.07; a name with them ('HARRIS, MARK MD, FAAOS') was noted "not read"
    "faaos", "faoao", "fabos", "facsm", "caqsm", "caq sm",
    # and the CCRN's other forms and AACN's progressive care certification: CCRN-K and CCRN-E ("extensions of the CCRN
    # certification program", dailynurse.com quoting AACN Certification Corporation's chair), PCCN, and the cardiac
    # subspecialties, which "may only be displayed with a clinical nursing specialty certification attached with a
    # dash, such as CCRN-CMC or CCNS-CSC" (aacn.org, "CMC and CSC Frequently Asked Questions"). A critical care
    # group's trial: 'LEE, MAY NP-C, CCRN-K' was not read, the NP's 99291 at POS 21 in ZIP 60611 priced at a
    # physician's 100% ($220.19, not 85%: $187.16), and 'ACNP-BC, CCRN-CMC' likewise
    "ccrn k", "ccrn e", "ccrn cmc", "ccrn csc", "ccrn cmc csc", "pccn", "pccn k", "pccn cmc", "pccn csc",
    # the American Association of Heart Failure Nurses' CHFN and CHFN-K ("Hold a current, active RN license",
    # aahfn.org, "Re-certification Eligibility"), a heart failure NP's beside the license ('NP-C, CHFN'): a
    # cardiology trial's NP 99214 in ZIP 43215 was paid a physician's $129.83, not 85%: $110.36
    "chfn", "chfn k",
    # the International Board of Heart Rhythm Examiners' certifications, "offered to physicians and allied
    # professionals" (ibhre.org, "FAQs"): the Certified Cardiac Device Specialist (CCDS, "Physician and Allied
    # Professional"), the Certified Electrophysiology Specialist (CEPS) and the remote monitoring specialist (CDRMS),
    # a device clinic's after the license ('PATEL, ANIL MD, CCDS', 'RN, CCDS'): the license decides
    "ccds", "ceps", "cdrms",
    # post-acute, wound and hospice care's certifications and fellowships, which a nursing home practice's billing
    # system lists after the license (a SNF group's trial: 'FNP-C, CWCN' unread, the NP's 99309 at POS 31 paid 100%,
    # $99.58 where the NP's 85% is $84.64; 'MD, CMD' unread, noted and counted): the American Board of Post-Acute and
    # Long-Term Care Medicine's Certified Medical Director (CMD: "a certification program for medical directors in
    # post-acute and long-term care medicine", abplm.org), the Wound, Ostomy and Continence Nursing Certification
    # Board's nurse certifications (CWOCN, CWCN, CWON, COCN, CCCN, CFCN, and the advanced practice forms an APRN
    # holds: "CWOCN-AP, CWON-AP, CWCN-AP, COCN-AP, or CCCN-AP", WOCNCB's "Advance Practice Recertification"; a
    # review's 'CCCN-AP, FNP-BC' was unread, the NP's 99309 at POS 31 paid a physician's 100%), the
    # American Board of Wound Management's Certified Wound Specialist (CWS) and NAWCO's Wound Care Certified (WCC),
    # the Hospice and Palliative Credentialing Center's CHPN and ACHPN (the ACHPN's holder "must be functioning as a
    # Clinical Nurse Specialist (CNS) or Nurse Practitioner (NP)": HPCC, "Advanced Certified Hospice and Palliative
    # Nurse"; alone it names neither), the Hospice Medical Director Certification Board's HMDC, the American
    # Geriatrics Society's and the American Academy of Hospice and Palliative Medicine's fellowships (AGSF, FAAHPM)
    "cmd", "cwocn", "cwcn", "cwon", "cocn", "cccn", "cfcn", "cwocn ap", "cwcn ap", "cwon ap", "cocn ap", "cccn ap",
    "cws", "wcc", "chpn", "achpn", "hmdc", "agsf", "faahpm",
    # a wound care practitioner's certifications and fellowships beside the CWS, and a post-acute group's internists',
    # family physicians' and PAs' fellowships: the American Board of Wound Management's "Certified Wound Care
    # Associates (CWCA), Certified Wound Specialists (CWS), and Certified Wound Specialist Physician (CWSP)"
    # (abwmcertified.org, "Mission Statement"), the American College of Clinical Wound Specialists' fellowship and the
    # undersea and hyperbaric medicine certification a wound physician lists ('MD, FACEP, FACCWS, UHM': the American
    # Board of Wound Medicine and Surgery's directors, woundcarelearningnetwork.com), the "Fellow of the American
    # College of Osteopathic Internists (FACOI)" (acoi.org, "ACOI Fellowship"), the "Fellow of the American College of
    # Osteopathic Family Physicians (FACOFP)" (acofp.org, "Fellow Award") and AAPA's "Distinguished Fellow of the
    # American Academy of PAs ... (e.g., DFAAPA)" (aapa.org, "AAPA Distinguished Fellows"). A post-acute trial's
    # 'NOWAK, ANNA DO, FACOI' or 'REED, TINA PA-C, DFAAPA' left its 'Provider Name' column unread, the NPs' and PA's
    # nursing facility visits beside it priced at a physician's 100%
    "cwsp", "cwca", "faccws", "uhm", "facoi", "facofp", "faapa",  # and DFAAPA (the dermatology trial's, below)
    # a hospital-based wound and hyperbaric center's: the Undersea and Hyperbaric Medical Society's fellowship ("FUHM
    # recognition is not an academic qualification or specialty certification", FUHM designees may use "appropriate
    # post-nominals": uhms.org, "About Fellow of Undersea & Hyperbaric Medicine"), the American College of Hyperbaric
    # Medicine's ("a Fellow of the American College of Hyperbaric Medicine, or FACHM", whose Fellows "hold a full and
    # unrestricted license to practice medicine": achm.org, "ACHM Fellowship"), the American Board of Preventive
    # Medicine's undersea and hyperbaric medicine subspecialty ('MD, ABPM-UHM'), NAWCO's Diabetic Wound and Advanced
    # Wound Care certifications beside its WCC ("the WCC, DWC, OMS, LLE, WPC, AWCC": woundeducators.com, "National
    # Alliance of Wound Care and Ostomy"), the American Professional Wound Care Association's Diplomate and the older
    # WOC nurse's post-nominal ('BSN, RN, ET/WOCN, CWS, DNC, DAPWCA, FACCWS': Ostomy Wound Manage. 2007;53(11):28-39),
    # and the hyperbaric nurse's certification ('BSN, RN, CHRN': uhms.org, "Baromedical Nurses Association: 2nd
    # Qtr", 2025). A wound center's trial: 'BROOKS, KAREN NP, WOCN' or 'DIAZ, MARIA NP-C, DWC' in its 'Attending'
    # column was read as no practitioner, the NP's 99213 and 11042 at POS 11 in ZIP 30309 (2026-08-04) priced at a
    # physician's 100% ($96.71 and $135.10, not 85%: $82.20 and $114.84)
    "fuhm", "fachm", "abpm uhm", "dwc", "awcc", "dapwca", "wocn", "chrn",
    "et/wocn", "achrn", "chrnc",  # and the registered nurse's (REGISTERED_NURSE_CERTIFICATIONS, below)
    # the social worker's (and nurse's or counselor's) certifications a post-acute group's billing system lists after
    # the license: the Commission for Case Manager Certification's Certified Case Manager (CCM: its applicants hold "a
    # current, active and unrestricted licensure or certification ... RN, LCSW, LMSW, LPC", CCMC's "Are you eligible to
    # take the CCM exam"), NASW's credentials (ACSW, QCSW, DCSW: "A professional credential does not replace
    # licensure", NASW's "Credentials") and its specialty credentials in gerontology, hospice and palliative care, case
    # management and health care (SW-G, ASW-G, CSW-G; CHP-SW, ACHP-SW; C-SWCM, C-ASWCM; C-SWHC). A post-acute
    # group's trial: 'LCSW, CCM' was unread, the social worker's 90837 at POS 32 in ZIP 15213 priced at a physician's
    # 100% ($163.68), where the clinical social worker's line is paid 75% ($122.76)
    "ccm", "acsw", "qcsw", "dcsw", "sw g", "asw g", "csw g", "chp sw", "achp sw", "c swcm", "c aswcm", "c swhc",
    # podiatry's fellowships and boards, which a podiatry practice's billing system lists after the DPM ('DPM, FACFAS'):
    # "The letters FACFAS mean that a podiatric surgeon is a Fellow in the American College of Foot and Ankle Surgeons"
    # (Stony Brook Medicine, "What FACFAS Means"), whose Fellows are certified by the American Board of Foot and Ankle
    # Surgery (ABFAS; the American Board of Podiatric Surgery, ABPS, before), "the certifying board in the specialty of
    # foot and ankle surgery", and "The American Board of Podiatric Medicine (ABPM) is recognized as the certifying
    # board for primary podiatric medicine" (ACFAS, latest news, 2022-08-11); the Diplomate's forms (DABFAS, DABPS,
    # DABPM) and the American College of Foot and Ankle Orthopedics and Medicine's fellowship (FACFAOM). A podiatry
    # trial's 'ALVAREZ, MARIA DPM, FACFAS' left its 'Rendering Provider' column unread, the NP's 11721-Q8 beside it at
    # POS 32 priced at 100% ($44.05, not $37.44)
    "facfas", "facfaom", "abfas", "abps", "abpm", "dabfas", "dabps", "dabpm",
    # and the American Board of Multiple Specialties in Podiatry's certification ('DPM, DABMSP', 'DPM, ABMSP'): the
    # Board exists "to maintain a registry of podiatrists certified by the corporation" (ABMSP, "Primary Care in
    # Podiatric Medicine Certification" handbook, Purpose Statement). A podiatry trial's 'HARTMAN, LEE DPM, DABMSP' was
    # noted "not read as a practitioner", the podiatrist's line priced as the run's --provider, not as the DPM's
    "abmsp", "dabmsp",
    # and podiatry's society memberships and fellowships after the DPM ('DOE, JOHN DPM, AACFAS', 'DPM, FACPM', 'DPM,
    # FASPS'): ACFAS's Associate ("ACFAS member physicians are doctors of podiatric medicine (DPMs)", acfas.org, "About
    # ACFAS and the Profession"; its Fellows are ABFAS-certified, its Associates not yet), the American College of
    # Podiatric Medicine's Fellow (ACPM, the American College of Foot and Ankle Orthopedics and Medicine until 2020,
    # "dedicated to the education and advocacy of podiatric physicians": acpmed.org, "About ACPM") and the American
    # Society of Podiatric Surgeons' Fellow (APMA's surgical affiliate, which "is not a credentialing organization and
    # does not conduct licensing or certification processes": asps.memberclicks.net, "About"). A podiatry group's
    # 'DOE, JOHN DPM, AACFAS' was noted "not read as a practitioner", the DPM's line priced as the run's --provider
    "aacfas", "facpm", "fasps",
    # the Certified Hyperbaric & Wound Care Specialist, one of the hyperbaric certifications the UHMS Associate Council
    # recognises for "operators, technicians and nurses" alike, its holder to "maintain the primary licensure/
    # certification within their scope of practice" (woundreference.com, "The Importance and Recognition of Hyperbaric
    # Certification for Technicians and Nurses"): beside a license ('MD, CHWS') the license decides; alone after a
    # name it says no one's (SHARED_WOUND_CERTIFICATIONS, below)
    "chws",
    # optometry's fellowship, which an eye practice's billing system lists after the OD ('PATEL, ANITA OD, FAAO'):
    # "Fellows of the American Academy of Optometry are entitled to use the designation FAAO" (the Academy's
    # "Information for the Public", aaopt.org). An ophthalmology group's trial: 'PATEL, ANITA OD, FAAO' left its
    # 'Provider' column unread, every line priced as --provider says, a PA's or NP's at a physician's 100%
    "faao",
    # dermatology's fellowships, which a dermatology and Mohs surgery practice's billing system lists after the MD or
    # DO ('VEGA, RAMON MD, FACMS', 'DO, FAOCD, FAAD'): the American Academy of Dermatology's Fellow (FAAD, "Fellow of
    # the American Academy of Dermatology": "It's not a license to practice medicine; your M.D. or D.O. and state
    # license cover that"), the American College of Mohs Surgery's fellowship-trained members (FACMS: the ACMS "is a
    # membership-based organization of surgeons who are fellowship-trained (FACMS) in Mohs surgery") and the American
    # Osteopathic College of Dermatology's (FAOCD: "an honorary title bestowed upon members who have successfully
    # passed the certification exam", aocd.org, "Membership Policy Reminders", 2020-01-30). A dermatology trial's
    # 'Provider' column of 'Whitfield, Laura MD', 'Brennan, Katie PA-C' and one 'Vega, Ramon MD, FACMS' was left
    # unread for it: the PA-C's 99213-25 at POS 11 in ZIP 85251 (2026-03-12) priced at a physician's 100% ($93.25,
    # not 85%: $79.26)
    # and a law degree one of them lists beside them ('DO, JD, FAOCD', 'MD, JD, FAAD': the AAD's "Ad Hoc Task Force on
    # Doctors of Osteopathic Medicine" roster)
    "faad", "facms", "faocd", "jd",
    # the PA's own academy's honour, which a PA lists after the PA-C ('BRENNAN, KATIE PA-C, DFAAPA'): AAPA's
    # Distinguished Fellows may use "the professional designation, Distinguished Fellow of the American Academy of PAs,
    # after your name (e.g., DFAAPA), as long as your AAPA membership is active" (aapa.org, "AAPA Distinguished
    # Fellows"). A dermatology trial's 'Brennan, Katie MSPAS PA-C DFAAPA' left its 'Provider' column unread, every
    # PA-C's line priced at a physician's 100%
    "dfaapa",
    # the pathologist's college, which a dermatopathologist (a practice's in-house dermatopathology lab reading its own
    # slides, 88305) lists after the MD: a CAP fellow adds "FCAP to my name after my MD credential" (cap.org, CAPCast
    # "Professionalism and Ethics - What It Means To Be A FCAP"); "International Fellows shall have the privilege of
    # using the initials 'IFCAP' after their names" (cap.org, "Join the CAP"). A dermatology trial's 'Harlan, Simon MD,
    # FCAP' left its 'Provider' column unread, every PA-C's line priced at a physician's 100%
    "fcap", "ifcap",
    # optometry's board certification and its other fellowships, which an eye practice's billing system lists after the
    # OD as it does FAAO ('LEE, SAM OD, FAAO, Dipl ABO', 'OD, FCOVD', 'OD, FAAO, FSLS'): the American Board of
    # Optometry's Diplomate, "Dipl. ABO ... Letters after OD: ABO ... Diplomate of the American Board of Optometry"
    # (Eyes On Eyecare, "The Optometrist's Guide to Academic Accolades"), the Academy's own Diplomate ("FAAO (Dipl)",
    # as the Scleral Lens Education Society's board signs), the College of Optometrists in Vision Development's
    # fellowship ("Board Certification in Vision Development and Vision Therapy (FCOVD)") and the Neuro-Optometric
    # Rehabilitation Association's ("Fellow of the Neuro-Optometric Rehabilitation Association (FNORA)": ocvt.info,
    # "Credentials - Doctors of Optometry"), and the contact lens societies' ("To become a Fellow of the Scleral Lens
    # Education Society (FSLS)"; "Fellows of the Contact Lens Society of America (FCLSA)": sclerallens.org, "Become a
    # Fellow"). An ophthalmology group's trial (session 72): 'LEE, SAM OD FAAO Dipl ABO', 'LEE, SAM OD, FCOVD' or 'LEE,
    # SAM OD, FSLS' each left its 'Rendering' column unread, the PA's 92014 beside it at ZIP 33606 priced at a
    # physician's 100% ($124.48), where the PA's line is paid 85% ($105.81)
    "abo", "dipl", "dipl abo", "diplomate", "faao(dipl)", "fcovd", "fnora", "fsls", "fclsa",
    # the American Board of Internal Medicine's Diplomate ('MD, Diplomate ABIM', 'MD, ABIM'): "ABIM is not a membership
    # society" but a physician evaluation organization, "not a ... licensing body", and "Unlike licensure, board
    # certification is not a requirement to practice medicine" (abim.org, "About ABIM"): the MD or DO beside it is
    # the license the physician bills by. And the osteopathic ophthalmologist's college, the American Osteopathic
    # College of Ophthalmology (its Fellow, FAOCO), one of the American Osteopathic Colleges of Ophthalmology and
    # Otolaryngology-Head and Neck Surgery, whose members are graded "Fellows, Seniors and Juniors" (aocoohns.org,
    # "AOCOO-HNS History"; AAO's EyeNet, "A Story of Pioneers", 2008). A review: 'CHEN, DAVID MD, Diplomate ABIM' and
    # 'NGUYEN, TOM DO, FAOCO' each left a 'Rendering Provider' column unread, the PA's lines beside it at 100%
    "abim", "faoco",
    # audiology's post-nominals, which an ENT and audiology practice's billing system lists after the AuD ('AuD, FAAA'):
    # "FAAA ... Fellow of the American Academy of Audiology ... as in John Jones, Au.D., FAAA" (Traynor, Hearing Health
    # Matters, 2017-08-02), the American Board of Audiology's "ABA Certified: ABAC", "Board Certified in Vestibular
    # Audiology: BC-VA", "Board Certified in Pediatric Audiology: BC-PA", "Board Certified in Cochlear Implants: BC-CI"
    # and the Academy's award DFAAA (audiology.org, "What's in a Name"). An ENT practice's review: 'AuD, FAAA' was not
    # read, its lines priced as the run's --provider with a note, not the audiologist's
    "faaa", "f aaa", "dfaaa", "abac", "bc va", "bc pa", "bc ci",
    # interventional pain medicine's certifications and fellowships, which a pain practice's billing system lists after
    # the MD or DO ('DO, FIPP'): the World Institute of Pain's diplomas "FIPP (Fellow of Interventional Pain Practice)
    # and CIPS (Certified Interventional Pain Sonologist)" (Novy, "FIPP and CIPS examinations: how to qualify", Anaesth
    # Pain & Intensive Care 2017;21(2), signed "MD, MS, FIPP, CIPS"), the American Society of Interventional Pain
    # Physicians' fellowship (FASIPP: "a candidate for Fellowship must be a physician member", asipp.org) and the
    # American Board of Interventional Pain Physicians' certification (ABIPP, its diplomate DABIPP; the American Board
    # of Pain Medicine's ABPM and DABPM are podiatry's letters above too). An interventional pain practice's trial:
    # 'DO, FIPP' and 'MD, ABIPP' were not read, each line noted as priced by the run's --provider
    "fipp", "cips", "fasipp", "abipp", "dabipp",
    # the ophthalmic assistants' and technicians' certifications (NON_BILLING_TECHNICIANS: after a name alone, the
    # technician's row, not read), which a PA, optometrist or physician who held one lists after the license: 'JONES,
    # AMY PA-C, COT' and 'PATEL, ANITA OD, CRA' were read as a technician's, the PA's 92012 priced at 100%, not 85%
    "coa", "cot", "comt", "cra", "oct c",
    # a diagnostic technologist's registry credentials (DIAGNOSTIC_TECHNOLOGISTS), which a physician who earned one
    # lists after the license ('LOPEZ, CARMEN MD, RVT'), and the physicians' own: ARDMS's Registered Physician in
    # Vascular Interpretation (RPVI) and the American Academy of Sleep Medicine's fellowship (FAASM). An IDTF's
    # trial: 'SHAH, RITU MD, RPVI' and 'PATEL, ANIL MD, FAASM' were unread, each leaving its column unread
    *DIAGNOSTIC_TECHNOLOGISTS, "rpvi", "faasm",
    # a respiratory therapist's or exercise physiologist's (REHAB_STAFF), which a physician or NP who was one lists
    # after the license ('LEE, SAM NP, RRT')
    *REHAB_STAFF,
    # an ambulance crew's certifications (AMBULANCE_CREW_WORDS: alone, or after a name alone, a blank cell), which a
    # practitioner who was or is a paramedic, or holds the Neonatal Resuscitation Program's NRP, lists after the
    # license: 'ROE, JIM PA-C, NRP' and 'DOE, JANE NNP-BC, NRP' were read as blank, the PA's and NP's 99213 priced at
    # a physician's 100% with no note; 'PA-C, EMT-P' was unread
    *AMBULANCE_CREW_WORDS,
    # radiation oncology's and radiology's fellowships, which a radiation oncology group's billing system lists after
    # the license: "The ASTRO Fellow designation (FASTRO) is awarded based on ASTRO membership, service to ASTRO and
    # contributions to the field of radiation oncology" (astro.org, "Fellows Points"), the American College of
    # Radiology's (FACR) and the American College of Radiation Oncology's (FACRO). A radiation oncology trial: 'WRIGHT,
    # KAREN MD, FASTRO' was not read, each of her lines noted as priced by the run's --provider and counted
    "fastro", "facr", "facro",
    # sleep medicine's and clinical neurophysiology's boards and fellowships, which a sleep and neurodiagnostics group's
    # billing system lists after the license (FAASM above): the American Board of Sleep Medicine's Diplomate ("The
    # credential Diplomate, American Board of Sleep Medicine or D,ABSM, should be used only by sleep specialists who
    # passed the sleep medicine examination that was offered by the ABSM through 2006": the AASM, as Sleep Review
    # reported it; DABSM, ABSM), behavioral sleep medicine's certifications (the ABSM's "Certified in Behavioral Sleep
    # Medicine (CBSM)", held with "a doctoral degree in psychology, nursing or social work" and a license; the Board of
    # Behavioral Sleep Medicine's "Diplomate in Behavioral Sleep Medicine (DBSM)"), the American Clinical
    # Neurophysiology Society's Fellows (FACNS: "Regular Members ... may become Fellows of the Society", acns.org,
    # "Member Types") and the American Board of Electrodiagnostic Medicine's Diplomate (ABEM, DABEM: AANEM's
    # "Educational Guidelines for Electrodiagnostic Training Programs"). A sleep group's trial: 'OLSON, ERIK MD, FACNS',
    # 'BERG, LISA DO, D,ABSM' or 'HANSEN, KARI APRN, CNP, CBSM' left its 'Provider' column unread, the NP's 99204 at
    # POS 11 in ZIP 55455 (2026-08-03) priced at a physician's 100%
    "dabsm", "absm", "cbsm", "dbsm", "facns", "abem", "dabem",
    # neurology's board and the headache society's fellowship, which a neurology group's billing system lists after
    # the license: the American Board of Psychiatry and Neurology's certification (ABPN, its Diplomate DABPN: "An
    # active, full, unrestricted license must be submitted to the Board office", ABPN's "Information for Applicants,
    # Certification Examination in Neurology"; AAN's FAAN above asks for it: "Applicant must be certified in
    # neurology ... by the American Board of Psychiatry and Neurology", aan.com, "FAAN Application Requirements") and
    # the American Headache Society's Fellows (FAHS: "Matthew Robbins, MD, FAHS, AHS Board Member",
    # americanheadachesociety.org). A neurology trial: 'NGUYEN, LINH DO, ABPN' and 'MD, DABPN' were noted "not read
    # as a practitioner" and refused by price --provider (exit 2), and 'BROOKS, KATE APRN, FNP-C, FAHS' left the NP's
    # 99214 in ZIP 37919 (2026-07-15) priced at a physician's 100% ($127.36), not the NP's 85% ($108.26)
    "abpn", "dabpn", "fahs",
    # and the United Council for Neurologic Subspecialties' certification (UCNS: its diplomates "maintain a current,
    # active, valid, unrestricted, and unqualified license to practice medicine", ucns.org, "UCNS Recertification
    # Requirements") and the American Autonomic Society's Fellows ("The right to include the initials FAAS among your
    # credentials", open to "clinicians, scientists and allied professionals": americanautonomicsociety.org, "Fellows
    # of the American Autonomic Society"), where 'MD, UCNS' and 'REYES, MARIA PA-C, FAAS' were not read
    "ucns", "faas",
    # nephrology's fellowships, which a nephrology group's billing system lists after the license ('KUMAR, ARJUN MD,
    # FASN', 'DO, FNKF', 'MD, FNKF, FASN'): the American Society of Nephrology's (FASN) and the National Kidney
    # Foundation's (FNKF), society honours (rvucalc's search found no page of either society saying so), and the
    # International Society of Nephrology's, granted "to ISN members who have demonstrated outstanding professional
    # accomplishments", with "The right to use the FISN designation" (theisn.org, "Fellow of the ISN"); and the
    # Nephrology Nursing Certification Commission's nurse certifications, each held by a registered nurse (CNN,
    # "Certified Nephrology Nurse": "a full and unrestricted license as a registered nurse"; CDN, "Certified Dialysis
    # Nurse": NNCC), beside an APRN's license ('APRN, CNN'). A nephrology trial: 'ABBOTT, SAM MD, FNKF, FASN' left its
    # 'Rendering Provider' column unread, every NP's 99214 beside it in ZIP 60612 priced at a physician's 100%
    # ($142.45, not 85%: $121.08), and 'KUMAR, ARJUN MD, FASN' was noted "not read as a practitioner"
    "fasn", "fnkf", "fisn", "cnn", "cdn",
    # allergy and immunology's fellowships and board, which an allergy group's billing system lists after the license
    # ('PATEL, RAJ MD, FAAAAI', 'DO, FACAAI', 'MD, FACAAI, FAAAAI, AE-C'): the American Academy of Allergy, Asthma &
    # Immunology's Fellows (FAAAAI: its candidates sign "MD, PhD, AE-C, FAAAAI", impact.aaaai.org) and the American
    # College of Allergy, Asthma and Immunology's, whose Fellow "shall be fully licensed to practice medicine" and
    # certified by "the American Board of Allergy and Immunology ... (ABAI)" (ACAAI, "Membership Requirements &
    # Application"); and the National Asthma Educator Certification Board's Certified Asthma Educator (AE-C), open to
    # physicians, PAs and NPs and to nurses, respiratory therapists, pharmacists and health educators alike (NAECB's
    # eligibility, as asthma.net restates it): alone it names no practitioner. An allergy group's trial: 'KIM, SUE
    # APRN, FNP-C, AE-C' and 'LEE, ANN PA-C, AE-C' were priced as the run's --provider, their 99214 at POS 11 in ZIP
    # 19004 (2026-03-03) a physician's $140.40, not 85%: $119.34; 'PATEL, RAJ MD, FAAAAI' was noted "not read as a
    # practitioner" and counted, and `price --provider 'PATEL, RAJ MD, FAAAAI'` refused (exit 2)
    "faaaai", "facaai", "abai", "ae c",
    # pulmonary and critical care medicine's fellowships, boards and certifications beside FCCP and FCCM (above), which
    # a pulmonary group's billing system lists after the license ('PATEL, ANIL MD, FCCP, DAABIP', 'DO, ATSF'): the
    # American Thoracic Society's Fellow ("Members who are selected to be ATS Fellows may add 'ATSF' after their name.
    # For example, John A. Smith, MD, ATSF": thoracic.org, "ATS Fellow FAQ"), the American Association for Bronchology
    # and Interventional Pulmonology's Diplomate (DAABIP: its board certification is open "Only [to] individuals with
    # an MD/DO or equivalent degree", aabronchology.org, "Board Eligibility Criteria"), SCCM's Master of Critical Care
    # Medicine (MCCM, FCCM's senior rank), the AARC's Fellow (FAARC) and the National Asthma Educator Certification
    # Board's Certified Asthma Educator (AE-C: the NBRC lists it among its credentials), a certification an NP, RN or
    # respiratory therapist holds beside the license ('RIVERA, ANA APRN, FNP-BC, AE-C'). A pulmonary group's trial:
    # 'OKONKWO, CHIDI MD, FCCP, DAABIP' or 'KOWALSKI, JAN DO, ATSF' left its 'Rendering' column unread, the NP's
    # 99213-25 at POS 11 in ZIP 60611 (2026-08-03) priced at a physician's 100% ($99.63, not 85%: $84.69)
    "atsf", "daabip", "mccm", "faarc", "aec",
    # vascular surgery's, interventional radiology's, vascular medicine's and vein medicine's fellowships and boards,
    # which a vascular and interventional group's billing system lists after the license ('PATEL, RAJ MD, FSVS',
    # 'CHEN, WEI MD, FSIR, DABR', 'MD, DFSVS', 'MD, FAVLS, DABVLM'): the Society for Vascular Surgery's Fellows and
    # Distinguished Fellows ("The Distinguished Fellow of the Society for Vascular Surgery (DFSVS) designation shall be
    # bestowed upon Active, International, or Senior members who are vascular surgeons", vascular.org, "Distinguished
    # Fellows"), the Society of Interventional Radiology's ("those who are elected to Fellowship signal to peers and
    # patients their commitment to quality IR care through use of the FSIR designation", sirweb.org, "SIR
    # Fellowship"), the American Board of Radiology's Diplomate (DABR: "its diplomates", the ABR's mission, certified
    # in diagnostic and interventional radiology), the Society for Vascular Medicine's Fellows and Masters (FSVM, MSVM:
    # "Mark A Creager, MD, MSVM", Vascular Medicine 2015;20(1):60, "The Society for Vascular Medicine: The first
    # quarter century"), and the American Vein & Lymphatic Society's Fellows and the American Board of Venous &
    # Lymphatic Medicine's Diplomates ("Mark Meissner, MD, FAVLS, DABVLM", myAVLS 2021; ABVLM, the board). A vascular
    # group's trial: 'CHEN, WEI MD, FSIR, DABR' and 'PATEL, RAJ MD, FSVS, RPVI' left its 'Rendering Provider' column
    # unread, the NP's 99213 at POS 11 in ZIP 30309 (2026-02-09) priced at a physician's $96.71, not 85%: $82.20
    "fsvs", "dfsvs", "fsir", "dabr", "fsvm", "msvm", "favls", "dabvlm", "abvlm",
    # gastroenterology's fellowships, which a GI group's billing system lists after the license ('CHEN, MICHAEL MD,
    # FACG', 'MD, FACP, FACG, AGAF', 'DO, FASGE'): the American College of Gastroenterology's Fellow and Master ("Some
    # gastroenterologists have the letters 'F.A.C.P.' or 'F.A.C.G.' following their names", stmg.org; "William D.
    # Chey, MD, MACG", ACG Magazine), the American Gastroenterological Association's ("After AGAF designation is
    # awarded"; its candidate "shall have a full and unrestricted license to practice medicine", gastro.org, "AGA
    # Fellows Program Criteria") and the American Society for Gastrointestinal Endoscopy's ('Juliana Yang, MD, FASGE,
    # Gastroenterologist'); and the American Board of Certification for Gastroenterology Nurses' Certified
    # Gastroenterology Registered Nurse (CGRN: "a current and unrestricted ... Registered Nurse (RN) license",
    # abcgn.org), a nurse's certification an NP lists beside the NP's license ('APRN, FNP-C, CGRN'). A GI group's
    # trial: 'SMITH, ROBERT MD, FACP, FACG, AGAF' left its 'Rendering Provider' column unread, the NP's 99214 at POS
    # 11 in ZIP 30342 priced at a physician's 100%, and 'MD, FACG' noted "not read as a practitioner" on every line
    "facg", "macg", "agaf", "fasge", "cgrn",
})  # fmt: skip
# APRN names the four advanced practice registered nurses: nurse practitioner, clinical nurse specialist, certified
# nurse-midwife and nurse anesthetist (NCSL, "Advanced Practice Registered Nurses": "four types of APRNs"). Alone it is
# read as an NP's (above); beside the one it is ('CNM, APRN', 'APRN, CNS', 'APRN, CRNA') that one is the type the
# claim is paid by: CNM's 100% (42 CFR 414.54(b)), not an NP's 85%.
_APRN_ALONE = frozenset(f"{title}{suffix}" for title in APRN_TITLES for suffix in ("", " bc", " c"))
# After a name the same: 'KELLY, ANN CRNA, APRN' (a GI group's anesthesia export, its CRNA's license before the APRN
# designation, as CRNAs sign: 'DNAP, MA, CRNA, APRN') was read by its last word, APRN, as an NP's: her 00811-QZ of 4
# base units and 30 minutes at ZIP 15213 (2026-08-05) paid 85%, $102.92, not the CRNA's $121.08 (a nonmedically
# directed CRNA's QZ line is paid the full anesthesia fee: Claims Processing Manual ch. 12 §140.3), while `price
# --provider 'CRNA, APRN'` said $121.08. The type written with a hyphen after it ('CRNA-APRN') likewise.
_APRN_TYPES = frozenset({"crna", "cnm", "cns", "np", "cnp", "crnp", "fnp"})
PROVIDER_WORDS.update({f"{kind} {aprn}": PROVIDER_WORDS[kind] for kind in _APRN_TYPES for aprn in APRN_TITLES})


def _aprn_type(word: str) -> str | None:
    """A name's credential before its APRN ('CRNA' of 'KELLY, ANN CRNA, APRN'): the APRN's own type, as a
    PROVIDER_WORDS key, or None (a name's word, another credential)."""
    if word != word.upper() or not word[:1].isalpha():
        return None
    key = _registry_word(_PROVIDER_SEPARATORS.sub(" ", word.lower().replace(".", "")).strip())
    return key if key in PROVIDER_WORDS and key not in _APRN_ALONE and PROVIDER_WORDS[key] in (
        "crna", "cnm", "cns", "np") else None  # fmt: skip


def _listed_words(text: str) -> list[str]:
    """A credential cell's words, as PROVIDER_WORDS keys: each item between commas or semicolons whole when it is one
    ('Registered Dietitian', 'FNP BC', 'OTR/L'), else its words between spaces and slashes ('MD/PHD', 'RN BSN')."""
    words = []
    for item in re.split(r"[,;]+", _without_specialties(text).strip()):
        whole = _registry_word(_PROVIDER_SEPARATORS.sub(" ", item.lower().replace(".", "")).strip())
        if (whole in PROVIDER_WORDS or whole in NOT_PRACTITIONER_TYPES or whole in BOARD_CERTIFICATIONS
                or whole in ASSISTANT_CREDENTIALS):  # fmt: skip
            words.append(whole)
            continue
        words += [_registry_word(_PROVIDER_SEPARATORS.sub(" ", word.lower().replace(".", "")).strip())
                  for word in re.split(r"[/\s]+", item.strip()) if word.strip()]  # fmt: skip
    return [word for word in words if word]


# A master's degree beside a psychologist's license and no doctorate ('MA, LP', 'MS LP'): not Medicare's clinical
# psychologist, who "holds a doctoral degree in psychology" (42 CFR 410.71(d)): not read, with its own note.
_MASTERS_DEGREES = frozenset({"ma", "ms", "msc", "med", "mhs"})
_MASTERS_PSYCHOLOGIST_NOTE = (
    "Provider {value!r}: a psychologist licensed with a master's degree is not a clinical psychologist Medicare pays "
    "(one who holds a doctoral degree in psychology and is licensed on its basis: 42 CFR 410.71(d)). Not read: priced "
    "as {who} line (the run's --provider)."
)


def _masters_psychologist(text: str) -> bool:
    words = set(_listed_words(text))
    return bool(words & {"lp", "psychologist", "licensed psychologist"} and words & _MASTERS_DEGREES
                and not words & DOCTORAL_DEGREES)  # fmt: skip


def _names_a_practitioner(word: str) -> bool:
    """Whether a credential word may name who bills: not a board certification or a degree, license or title that
    names no practitioner type (``BOARD_CERTIFICATIONS``, ``NOT_PRACTITIONER_TYPES``)."""
    return word not in BOARD_CERTIFICATIONS and word not in NOT_PRACTITIONER_TYPES


# A doctorate beside a nurse's license and no other: 'PhD, APRN' is the APRN with a doctorate, read
# as the APRN alone is (an NP's), and 'PhD, RN' or 'PhD, LPN' a nurse's, not read, as 'RN' is; neither is Medicare's
# clinical psychologist, who "holds a doctoral degree in psychology" and is licensed "on the basis of the doctoral
# degree in psychology" (42 CFR 410.71(d)), not as a nurse. A session 68 review: 'PhD, APRN' and 'PhD, RN' (and 'DOE,
# JANE PhD, RN') were read as a psychologist's, the APRN's 99495 and 99483 at POS 13 in ZIP 15213 denied (as is an
# E/M visit to a psychologist) where the NP's 85% is paid ($178.37 and $237.72).
def _credentials_listed(text: str) -> str | None:
    """A cell of credentials alone (``BOARD_CERTIFICATIONS``, ``NOT_PRACTITIONER_TYPES``, ``DOCTORAL_DEGREES``,
    ``PROVIDER_WORDS``), separated by commas, slashes or spaces: the practitioner they name (the license over a degree,
    the APRN's own type over APRN), as a PROVIDER_WORDS key."""
    if _masters_psychologist(text) or _psychologists_board_beside_another_license(text):
        return None  # 'LCSW, ABPP, PHD': a psychologist and a CSW (_PSYCHOLOGISTS_BOARD)
    listed = _listed_words(text)
    words = [word for word in listed if _names_a_practitioner(word)]
    if len(words) < 1 or not all(word in PROVIDER_WORDS and PROVIDER_WORDS[word] for word in words):
        return None
    if set(words) <= DOCTORAL_DEGREES and set(listed) & NON_BILLING_NURSES:
        return None  # 'PhD, RN': a nurse's doctorate (above)
    words = [word for word in words if word not in FIELD_WORDS] or words  # 'Psychiatry, NP': the NP (FIELD_WORDS)
    if any(word not in _APRN_ALONE and word not in DOCTORAL_DEGREES for word in words):
        words = [word for word in words if word not in _APRN_ALONE]  # 'CNM, APRN': the CNM; 'PhD, APRN': the APRN
    licenses = [word for word in words if word not in DOCTORAL_DEGREES] or words
    if len({PROVIDER_WORDS[word] for word in licenses}) != 1:
        return None
    return licenses[0]


# A column named as the rendering practitioner ('Provider', 'Rendering Provider') mostly holds names, and is read as the
# provider column only when --columns says so (batch.columns' _provider_type_notices) ... unless its cells are the
# practitioner's type or credentials alone (a review's 'Provider' of NP and MD: every NP line priced at 100%). A cell
# with a digit is no credential here (a provider's own number in such a column would be read as a CMS specialty code:
# 50, an NP), nor a name; a word of capitals rvucalc does not read ('RN', 'CNA') is a credential, priced as today with
# its note, beside one read.
_CREDENTIAL_SHAPE = re.compile(r"[A-Z][A-Z./-]{0,9}")
# A nurse's title that bills Medicare under no number of its own, spelled out as NUCC's taxonomy and billing systems
# write it ('Registered Nurse', 163W00000X, 'Registered Nurse, Psych/Mental Health, Adult'; 'Licensed Practical Nurse',
# 164W00000X; 'Licensed Vocational Nurse', 164X00000X): a credential cell as its RN or LPN is (above), unread with its
# note, not a name. A review's 'Rendering Provider' column of NP, MD and one 'Registered Nurse' was left unread for it,
# every row priced at a physician's 100%.
_NURSE_TITLES = ("registered nurse", "licensed practical nurse", "licensed vocational nurse")


def _nurse_title(text: str) -> bool:
    """Whether a cell is a nurse's non-billing title (``_NURSE_TITLES``), alone or with NUCC's area after it."""
    words = re.sub(r"[\s,;/()_\-]+", " ", text.lower().replace(".", "").replace("&", " and ")).split()
    joined = " ".join(words)
    title = next((title for title in _NURSE_TITLES if joined == title or joined.startswith(f"{title} ")), None)
    return title is not None and set(joined[len(title) :].split()) <= _AREA_WORDS


def _credential_cell(text: str) -> bool | None:
    """A filled cell as ``credentials_alone`` reads it: True a practitioner type or credential read (``PROVIDER_WORDS``,
    ``ASSISTANT_CREDENTIALS``, a list of them), False a credential not read ('RN', 'CNA', 'NP, RD', a cell read as
    blank), None no credential (a name or a number)."""
    if any(character.isdigit() for character in text):
        return None
    text = _without_specialties(text)  # 'RDMS (AB, OB)': the RDMS's
    key = _registry_word(_PROVIDER_SEPARATORS.sub(" ", text.lower().replace(".", "")).strip())
    if (
        PROVIDER_WORDS.get(key)
        or key in ASSISTANT_CREDENTIALS
        or _assistant_listed(text)
        or _credentials_listed(text)
        or _spelled_out_title(text)
    ):
        return True
    if (
        key in PROVIDER_WORDS  # a cell read as blank ('Paramedic', 'DME supplier'): no name either
        or _CREDENTIAL_SHAPE.fullmatch(text)
        or key in DIAGNOSTIC_TECHNOLOGISTS  # ARRT's 'RT(R)(ARRT)' (_ARRT_CREDENTIAL), no capitals alone
        or _credential_words(text)
        or _nurse_title(text)
    ):
        return False
    return None


# A cell an export writes where it names no one ('N/A', 'NONE', 'SELF', 'UNKNOWN', 'TBD', a bare 'Dr', '-'): read as a
# blank cell is when deciding whether a column is the provider's, its own row unread (priced as the run's --provider,
# with the unread cell's note). A session 68 review: one 'N/A' among 'PATEL, ANIL MD' and 'SMITH, JANE NP' left the
# whole 'Rendering Provider' column unread, the NP's 99213 paid a physician's 100% where an NP's PFS line is 85% of
# the fee schedule amount (42 CFR 414.56(c); NGS's Medicare Part B 101 manual, "Nonphysician Practitioners").
_FILLER_CELLS = frozenset({"n/a", "na", "none", "null", "self", "unknown", "unk", "dr", "-", "--", "tbd"})


def _filler_cell(text: str) -> bool:
    """Whether a provider cell is a filler that names no one (``_FILLER_CELLS``), in any case, a full stop aside."""
    return text.strip().lower().replace(".", "").strip() in _FILLER_CELLS


def credentials_alone(values: Iterable[str]) -> bool:
    """Whether a column's cells, blanks aside, are practitioner types or credentials alone (``PROVIDER_WORDS``,
    ``ASSISTANT_CREDENTIALS``, a list of them: ``_credentials_listed``), at least one of them read, and no name or
    number: the cells ``provider_of`` reads without a name's credential (``_credential_of_name``)."""
    read = False
    for value in values:
        text = value.strip()
        if not text or _filler_cell(text):
            continue
        # The ASC's own cell ('DENVER ENDOSCOPY ASC', '49': asc_provider), its row the ASC's claim line at POS 24
        # (Claims Processing Manual ch. 14 §50), passed over as ``credentials_after_names`` passes over it: beside
        # 'MD', 'NP' and a 'CMA' (which a column of names does not take) it left the column unread, the NP's 99213 at
        # 100% where an NP's PFS line is 85% (42 CFR 414.56(c))
        # an IDTF's or independent lab's name too: a blank cell (provider_of)
        if (
            asc_provider(text)
            or diagnostic_facility_name(text)
            or independent_lab_name(text)
            or dme_supplier_name(text)
        ):
            continue
        cell = _credential_cell(text)
        if cell is None:
            return False
        read = read or cell
    return read


def taxonomies_alone(values: Iterable[str]) -> bool:
    """Whether a column's cells, blanks aside, are NUCC taxonomy codes alone (``_TAXONOMY_SHAPE``), at least one of a
    practitioner ``provider_of`` reads (a physician's 207Q00000X, an NP's 363LF0000X ...): a taxonomy it does not read
    (103T00000X) is priced as --provider says, with its row's note, as an unread credential in a column of them is."""
    read = False
    for value in values:
        key = value.strip().lower()
        if not key:
            continue
        if not _TAXONOMY_SHAPE.fullmatch(key):
            return False
        read = read or bool(_taxonomy_word(key) or PROVIDER_WORDS.get(key))
    return read


# A nurse's license that bills Medicare under no number of its own (a registered, practical or vocational nurse's: their
# services are billed incident to a practitioner's, Benefit Policy Manual ch. 15 §60): a name ending in it ('DOE, JANE
# RN', 'DOE, JANE RN, CWCN') names a nurse, whose row is not read (its note), as a practice's name is not; it does not
# make a column of names unread. A review found a SNF group's 'Rendering Provider' of 'LEE, SAM FNP-C' and one nurse's
# name unread: every NP row priced at a physician's 100% ($99.58 for a 99309 at POS 31 where the NP's 85% is $84.64).
NON_BILLING_NURSES = frozenset({"rn", "lpn", "lvn"})
# A registered nurse's own certifications, held by no one without an RN license: the WOCN Certification Board's
# (CWOCN, CWCN, CWON, COCN, CCCN, CFCN and the older ET/WOCN, WOCN: "You must be currently licensed as a Registered
# Nurse", wocncb.org, "Recertification") and the National Board of Diving and Hyperbaric Medical Technology's
# Certified Hyperbaric Registered Nurse ("A passing grade on the certification exam entitles the registered nurse to
# display the applicable initials: CHRN ... ACHRN ... CHRNC", NBDHMT's "CHRN Resource Manual & Study Guide", 2015).
# Alone ('WOCN', 'RN, CHRN') or after a name without a practitioner's license ('SMITH, JANE CHRN', 'SMITH WOCN,
# JANE') the cell is a nurse's, read as 'RN' is (``_nurses_name``, ``not_a_practitioner_reason``): on the hospital's
# own bill a blank cell (``facility_staff_cell``), elsewhere the nurse's note, and a column of names beside it read.
# A review of the wound care trial's merge: an 'Attending' column of 'BROOKS, KAREN NP' and one 'SMITH, JANE CHRN'
# was left unread, the NP's 99213 at POS 11 priced at a physician's 100%; a TOB 131 row's 'RN, WOCN' was noted as an
# unread practitioner. Beside a practitioner's license ('BROOKS, KAREN NP, WOCN') the license is read. NAWCO's DWC
# and WCC are open to other licenses than the nurse's: not here.
# The Hospice and Palliative Credentialing Center's CHPN ("an applicant must hold a current, unrestricted registered
# nurse license", HPCC's "Certified Hospice and Palliative Nurse") and AACN Certification Corporation's CCRN, CCRN-K,
# CCRN-E, PCCN and PCCN-K ("Eligible candidates for AACN Certification Corporation exams or certification renewal must
# hold a current, unencumbered RN or APRN license", aacn.org, "General Information Regarding Certification") are a
# nurse's too: 'JONES, AMY CHPN' and 'JONES, AMY CCRN' were unread and left their column of names unread, the NP's
# 99213 beside them priced at a physician's 100%. An APRN writes the license it bills under beside them ('ACNP-BC,
# CCRN'), read as before (NOT_PRACTITIONER_TYPES).
REGISTERED_NURSE_CERTIFICATIONS = frozenset(
    {"wocn", "et/wocn", "cwocn", "cwcn", "cwon", "cocn", "cccn", "cfcn", "chrn", "achrn", "chrnc",
     "chpn", "ccrn", "ccrn k", "ccrn e", "pccn", "pccn k",
     # ABCGN's Certified Gastroenterology Registered Nurse ("Candidates must submit a current and unrestricted ...
     # Registered Nurse (RN) license number", abcgn.org): a GI group's 'JONES, AMY CGRN' left its column unread
     "cgrn",
     # AAHFN's Certified Heart Failure Nurse and its knowledge-based form ("Hold a current, active RN license",
     # aahfn.org): a cardiology group's 'JONES, AMY RN, CHFN'
     "chfn", "chfn k"}
)  # fmt: skip
# A wound care certification several professions hold: the American Board of Wound Management's Certified Wound
# Specialist ("A licensed DO, DPM, MD, NP, DVM, PA, PT, OT, PharmD, RD, or RN with 3 or more years of clinical wound
# care experience", abwmcertified.org, "Why should you become a CWS"), NAWCO's Wound Care Certified, Diabetic Wound
# Certified and Advanced Wound Care Certified (the WCC "is open to RNs, LPNs, LVNs, NPs, PAs, PTs, PTAs, OTAs, MDs, DOs,
# and DPMs": woundeducators.com, "National Alliance of Wound Care and Ostomy"; the DWC and AWCC are NAWCO's beside it,
# nawccb.org) and the Certified Hyperbaric & Wound Care Specialist (CHWS, above). Beside a license ('NP-C, DWC') the
# license decides (NOT_PRACTITIONER_TYPES); alone after a name ('SMITH, JANE DWC', 'SMITH, JANE CWS', 'LEE, ANN
# CHWS') it does not say who billed: the row is not read, its note saying so, rather than guessed a nurse's or a
# physician's, and the column of names beside it is read (``_name_cells``), where one such cell left a wound center's
# 'Attending' column unread, the NP's 99213 beside it priced at a physician's 100%.
SHARED_WOUND_CERTIFICATIONS = frozenset({"cws", "wcc", "dwc", "awcc", "chws"})
# An ophthalmic assistant's or technician's certification bills under no number of its own either: JCAHPO's Certified
# Ophthalmic Assistant, Technician and Medical Technologist (COA, COT, COMT) and the Ophthalmic Photographers'
# Society's Certified Retinal Angiographer and OCT-Certified (CRA, OCT-C). "a certified ophthalmic technician (COT) or
# certified ophthalmic assistant (COA) are just that - certified" (no state license), "the technician can't bill it",
# their services billed incident to the physician's (AAPC's Ophthalmology Coding Alert, "Reader Question: Ophthalmic
# Technicians"; "they do not have their own provider identification number (PIN). Therefore, you always have to bill
# incident-to a physician's service", its "Test Your Technician Billing Know-How"): Medicare Benefit Policy Manual ch.
# 15 §60's auxiliary personnel, as a nurse is. CRA and OCT-C were not read in such a text here: imaging
# certifications of the same staff. Read as a nurse's name is (``_nurses_name``): the row not read, with its note
# (``_TECHNICIAN_REASON``), the column read. A trial: an eye practice's 'Provider' column of 'CHEN, DAVID MD', 'PATEL,
# ANITA OD' and one 'LEE, KIM COA' was left unread, its PA's lines priced at a physician's 100%.
NON_BILLING_TECHNICIANS = (
    frozenset({"coa", "cot", "comt", "cra", "oct c"})
    | DIAGNOSTIC_TECHNOLOGISTS
    | REHAB_STAFF
    | ATHLETIC_TRAINERS
    | ORTHOPAEDIC_ASSISTANTS
    | SURGICAL_TECHNOLOGISTS
)


def _nurses_name(value: str, credential: str | None) -> bool:
    """Whether a name's cell (``credential``: its ``_credential_of_name``) names a nurse: 'DOE, JANE RN', or a degree
    before the license with no practitioner's credential ('DOE, JANE BSN, RN')."""
    return (
        credential in NON_BILLING_NURSES
        or credential in REGISTERED_NURSE_CERTIFICATIONS
        or (
            credential in NOT_PRACTITIONER_TYPES
            and any(word.lower() in NON_BILLING_NURSES for word in re.split(r"[,\s]+", value.strip()))
        )
    )


def credentials_after_names(values: Iterable[str]) -> bool:
    """Whether a column's cells, blanks aside, are each a name ending in a credential ``provider_of`` reads ('PATEL,
    ANIL MD', 'LEE, SAM PA-C'; ``_credential_of_name``) or a therapy assistant's (``assistant_of``: 'RUIZ, MARIA PTA'),
    at least one of them: a urology trial's 'Rendering Provider' of such names was left unread, its NP's line priced at
    100%. A cell of a credential alone ('NP', ``_credential_cell``) may stand beside them; a name without one keeps the
    column unread (each of its rows would carry the unread provider's note), unless the names with one are more than
    ``_BARE_NAMES_PER_NAMED`` times as many (``_bare_names_few``)."""
    read, named, bare, refused = _name_cells(values, stop=True)
    return read and not refused and _bare_names_few(named, len(bare))


def names_keeping_the_column_unread(values: Iterable[str]) -> list[str]:
    """The cells that keep a column of names with a credential unread (``credentials_after_names``): each cell that is
    neither such a name nor one passed over ('SMITH, JANE MD, XYZ'), then the names without a credential where they
    are too many ('NOWAK ANNA'); none where the column is read or has no name with a credential read."""
    read, named, bare, refused = _name_cells(values, stop=False)
    if not read or (not refused and _bare_names_few(named, len(bare))):
        return []
    return refused + ([] if _bare_names_few(named, len(bare)) else bare)


def _name_cells(values: Iterable[str], stop: bool) -> tuple[bool, int, list[str], list[str]]:
    """(whether a name with a credential or a credential cell is read, how many distinct names with a credential are,
    the names without one, the cells refused): ``stop`` at the first cell refused."""
    read = False
    named = 0  # the distinct names with a credential read
    bare: list[str] = []
    refused: list[str] = []
    for value in values:
        if not value.strip() or business_name(value):  # a practice's name: its row not read (noted), the others are
            continue
        # an IDTF's name ('DESERT MOBILE IMAGING') or an independent lab's ('QUEST LAB'): a blank cell, the others read
        if diagnostic_facility_name(value) or independent_lab_name(value) or dme_supplier_name(value):
            continue
        if _filler_cell(value):  # 'N/A', 'SELF', 'Dr' (``_FILLER_CELLS``): its row not read (noted), the others are
            continue
        # The ASC's own cell ('ASC', 'DENVER ENDOSCOPY ASC': asc_provider), the ASC's claim line at POS 24 (ch. 14 §50):
        # beside 'GARCIA, MARIA MD' and 'LEE, SAM NP' it left the column unread, the NP's 99213 at 100%
        if asc_provider(value):
            continue
        credential = _credential_of_name(value)
        if credential is None and _psychologists_board_beside_another_license(value):
            # 'SMITH, JOHN LCSW, ABPP, PHD': a psychologist and a CSW (_PSYCHOLOGISTS_BOARD), its row not read (noted),
            # a name with licenses counted among the names with one, as 'VEGA, RAMON MD, FXYZ' is (below)
            named += 1
            continue
        if credential is None:
            # A credential alone beside the names ('NP', 'ACHPN' beside 'PATEL, ANIL MD', 'SMITH, JANE NP'), as
            # ``credentials_alone`` reads it: a session 67 review's column of both was left unread, the bare NP's 99213
            # paid at a physician's 100% (an NP's PFS line is 85%, 42 CFR 414.56(c)). A word of capitals rvucalc does
            # not know ('SMITH', 'CNA') is no credential here: it may be a surname, and keeps the column unread.
            text = _without_specialties(value.strip())
            if text.startswith("(") and text.endswith(")"):
                text = text[1:-1].strip()  # '(RPFT)': the technologist's credential, as 'RPFT' is
            cell = _credential_cell(text)
            key = _registry_word(_PROVIDER_SEPARATORS.sub(" ", text.lower().replace(".", "")).strip())
            if cell or (
                cell is False
                and (key in PROVIDER_WORDS or key in NON_BILLING_NURSES or key in NON_BILLING_TECHNICIANS
                     or key in NOT_PRACTITIONER_TYPES or _credential_words(text) or _nurse_title(text))
            ):  # fmt: skip
                read = read or bool(cell)
                continue
            if two_types_reason(text) is not None:
                # 'FOX, AMY CNM, APRN-FNP' (``_credential_of_name``): its row not read (noted), a name with credentials
                # all the same, as 'NP, RD' beside the names is a credential cell; not a bare name leaving it unread
                named += 1
                continue
            if not _bare_name(text):
                refused.append(value)
                if stop:
                    break
                continue
            bare.append(value)
            continue
        if _nurses_name(value, credential) or credential in NON_BILLING_TECHNICIANS:
            continue  # a nurse's or technician's name ('DOE, JANE BSN, RN', 'LEE, KIM COA'): its row not read
        if credential in SHARED_WOUND_CERTIFICATIONS:
            named += 1  # 'SMITH, JANE DWC': its row not read (noted: it says no one's license), the column read
            continue
        if assistant_of(value) is not None:
            # A therapy assistant's name ('RUIZ, MARIA PTA', 'LEE, ANN COTA'): read as the provider column reads it
            # (CQ/CO, ``assistant_of``), not by ``provider_of`` (no practitioner of their own). A PM&R trial's column of
            # a DC's, a DPT's, a PTA's and an MD's names was left unread for its PTA: the DC's 97140-GP was paid
            # $26.64 (Medicare Benefit Policy Manual ch. 15 §240.1.1: not covered) and the PTA's 97110 at 100%.
            read = True
            named += 1
            continue
        try:
            provider_of(value)
        except ValueError:
            if _license_then_unknown_letters(value) or _no_license_after_name(value, credential):
                # 'VEGA, RAMON MD, FXYZ': its row not read (noted), the column's others are. A name with a license
                # all the same, counted among the names with one (``_bare_names_few``): a review's 'Provider Name' of
                # 'PATEL, RAVI MD, FAPWCA', 'KIM, ANN DO, FAWM', 'LEE, SAM MD, CHCQM', an NP's, a PA's and one
                # 'NOWAK ANNA' (five names with a credential to one without) was left unread, the NP's and PA's
                # 99309 priced at a physician's 100%.
                named += 1
                continue
            refused.append(value)
            if stop:
                break
            continue
        read = True
        named += 1
    return read, named, bare, refused


# A post-acute trial's 'Provider Name' of seven practitioners' names with their credential ('PATEL, RAVI MD', 'SMITH,
# JANE AGNP-C', 'REED, TINA PA-C' ...) and one mistyped without ('NOWAK ANNA') was left wholly unread, every NP's and
# PA's nursing facility visit priced at a physician's 100% (an NP's or PA's PFS line is 85%: 42 CFR 414.52,
# 414.56(c)). Where the names with a credential are more than four times as many as those without, the column is read:
# the bare name's own row is priced as the run's --provider with the unread provider's note, as --columns provider=
# prices it. One or two names with a credential beside a bare one still leave the column unread (a column of names,
# noted on most rows, is not guessed).
_BARE_NAMES_PER_NAMED = 4


def _bare_names_few(named: int, bare: int) -> bool:
    return bare * _BARE_NAMES_PER_NAMED < named


def _bare_name(text: str) -> bool:
    """Whether a cell is a person's name alone, of letters, spaces, commas, periods, hyphens and apostrophes ('NOWAK
    ANNA', 'SMITH, JANE'), with no digit or other mark: a cell of another kind keeps the column unread."""
    return bool(_BARE_NAME.fullmatch(text.strip()))


_BARE_NAME = re.compile(r"[A-Za-z][A-Za-z .,'-]*")


# A name whose license rvucalc reads is followed by letters it does not know ('VEGA, RAMON MD, FXYZ': a society's
# fellowship or a certification not in NOT_PRACTITIONER_TYPES yet): the column is a column of names with credentials all
# the same, read as the others' cells are, and that one row priced as the run's --provider with its note (the unread
# provider's, counted on stderr), not the whole column left unread. A dermatology trial's 'Provider' column was left
# unread for one 'Vega, Ramon MD, FACMS' (then one 'MD, FCAP', one 'PA-C DFAAPA'), every PA-C's line beside it priced
# at a physician's 100% with one stderr line only. A cell whose last word is lower case or holds no license before it
# ('SMITH, JOHN', 'DOE, JANE RN') keeps its reading.
_UNKNOWN_LETTERS = re.compile(r"[A-Z][A-Z\-]{1,9}")


def _license_then_unknown_letters(value: str) -> bool:
    words = [word for word in re.split(r"[,\s]+", value.strip()) if word]
    # A known fellowship or degree between the license and the letters ('SMITH, JO MD, FACMS, FXYZ'), left out as it
    # is before nothing (NOT_PRACTITIONER_TYPES): the cell reads so too, where it kept the whole column unread
    at = len(words) - 2
    while (at > 2 and (listed := _listed_words(words[at]))
           and all(word in NOT_PRACTITIONER_TYPES and not _names_a_practitioner(word) for word in listed)):  # fmt: skip
        at -= 1
    if at < 2 or sum(1 for word in words[:at] if _NAME_WORD.search(word)) < 2:
        return False
    last, license_word = words[-1], _listed_words(words[at])
    return (
        _UNKNOWN_LETTERS.fullmatch(last) is not None
        and _listed_words(last)[0] not in PROVIDER_WORDS
        and len(license_word) == 1
        and license_word[0] in PROVIDER_WORDS
    )


def _credential_words(text: str) -> bool:
    """Whether a cell is a list of credentials rvucalc knows, naming two practitioner types ('NP, RD'): such a cell is
    not read (its note), but its column is a column of credentials (a review: one 'NP, RD' left a whole 'Rendering
    Provider' column unread, every row priced as a physician's)."""
    words = _listed_words(text)
    return len(words) > 1 and all(
        word in PROVIDER_WORDS or word in BOARD_CERTIFICATIONS or word in NOT_PRACTITIONER_TYPES for word in words
    )


_KIND_WORDS = {"physician": "a physician", "np": "an NP", "pa": "a PA", "cns": "a CNS", "crna": "a CRNA",
               "csw": "a CSW, MFT or MHC", "psychologist": "a psychologist", "chiropractor": "a chiropractor",
               "cnm": "a nurse-midwife", "dietitian": "a dietitian", "therapist": "a therapist",
               "slp": "a speech-language pathologist", "audiologist": "an audiologist"}  # fmt: skip


def _kinds_listed(text: str) -> list[str]:
    """The practitioner types a list of credentials names ('PMHNP-BC, LCSW': an NP and a CSW), in the cell's order: two
    or more is a cell not read (``_credentials_listed``), said by its note."""
    words = [word for word in _listed_words(text) if _names_a_practitioner(word) and PROVIDER_WORDS.get(word)]
    words = [word for word in words if word not in FIELD_WORDS] or words
    words = [word for word in words if word not in _APRN_ALONE and word not in DOCTORAL_DEGREES] or words
    kinds = list(dict.fromkeys(str(PROVIDER_WORDS[word]) for word in words))
    if _PSYCHOLOGISTS_BOARD in _listed_words(text) and kinds and "psychologist" not in kinds:
        kinds.append("psychologist")  # 'LCSW, ABPP': ABPP certifies licensed psychologists alone (BOARD_CERTIFICATIONS)
    return [_KIND_WORDS.get(kind, kind) for kind in kinds]


def provider_of(text: str) -> str | None:
    """A provider cell's practitioner (``PROVIDERS``; None: blank, the run's --provider); ValueError naming the
    value and the accepted ones when it is none of them. A name with a credential at its end is read by the
    credential (``_credential_of_name``)."""
    key = _PROVIDER_SEPARATORS.sub(" ", text.strip().lower().replace(".", "")).strip()
    if key not in PROVIDER_WORDS and diagnostic_facility_name(text):
        return None  # an IDTF's or imaging center's name ('VALLEY MRI CENTER'): the facility bills, a blank cell
    if key not in PROVIDER_WORDS and independent_lab_name(text):
        return None  # an independent lab's name ('QUEST LAB'): the lab bills its tests, a blank cell
    if key not in PROVIDER_WORDS and dme_supplier_name(text):
        return None  # a DMEPOS supplier's name ('NORTH SLEEP DME'): the supplier bills its items, a blank cell
    if key not in PROVIDER_WORDS:
        key = (
            _taxonomy_word(key) or _credentials_listed(text) or _spelled_out_title(text) or _credential_of_name(text)
            or key
        )  # fmt: skip
    if key not in PROVIDER_WORDS:
        raise ValueError(
            f"provider {text.strip()!r}: give the practitioner who billed the line under their own number: physician "
            "(MD, DO, DPM or podiatrist, OD, DDS, DMD), a therapist in private practice (PT, OT, 65, 67: therapist; "
            "SLP, CCC-SLP, 15: slp; a PT's or OT's PC/TC 7 line at the hospital is not payable) or an "
            "audiologist (AUD, CCC-A, 64): the full PFS amount; NP (nurse practitioner, CMS specialty 50), PA "
            "(physician assistant, 97), CNS (clinical nurse specialist, 89), CNM (a certified nurse-midwife, 42: the "
            "full PFS amount, assignment only), RD (a registered dietitian: RDN, LD, 71; medical nutrition therapy at "
            "85%, assignment only), CRNA (a nurse anesthetist or anesthesiologist assistant: CAA, AA-C), "
            "CSW (a clinical "
            "social worker, marriage and family therapist or mental health counselor: LCSW, LICSW, LMFT, LMHC, LPC, "
            "LCPC, 80; 75%), psychologist (a clinical psychologist: PhD, PsyD, LP, 68) or chiropractor (DC, 35: spinal "
            "manipulation 98940-98942 alone is covered); or leave it blank (--provider's, physician unless given)."
        )
    return PROVIDER_WORDS[key]


# An ambulatory surgical center is no practitioner. Since 2008 a Medicare ASC bills its facility services on the ASC
# X12 837 Professional claim or the Form CMS-1500, with place of service 24, as the surgeon bills his (Claims
# Processing Manual, Pub. 100-04, ch. 14 §50, "ASC Procedures for Completing the ASC X12 837 Professional Claim Format
# or the Form CMS-1500"), not on a UB-04: the MAC tells the ASC's lines from the surgeon's by the billing provider's
# specialty, 49 (ch. 26 §10.7: type of service F "depends upon claims submitted with POS 24 (ASC Facility) from an ASC
# (specialty 49)"). A practice that owns an ASC exports the ASC's lines beside its surgeons' in one file, the provider
# cell saying whose (an ophthalmology trial: 'Rendering Cred' ASC at POS 24, each row of the ASC's priced as a second
# surgeon's line, its site totals counting each surgery twice). Such a row at the ASC (POS 24, setting asc) is the
# ASC's own claim line, as a UB-04 type of bill 83x row is (Lines.facility_bill, set in parse_lines alone): its
# facility payment, no physician's fee, no global surgical package.
ASC_PROVIDER_WORDS = frozenset({"asc", "49", "ambulatory surgical center", "ambulatory surgery center"})


# The ASC's business name ending in those words ('ROCKY MOUNTAIN ENDOSCOPY CENTER ASC', 'Front Range Ambulatory Surgery
# Center, LLC'), as a practice's export writes its own ASC's billing provider: the ASC too (a GI trial's ASC rows were
# priced as a physician's line, each colonoscopy's physician fee added to the ASC's own bill). ASC is no practitioner's
# credential, so a name ending in it is no one's but the center's.
_ASC_NAME_ENDS = tuple(sorted(f" {words}" for words in ASC_PROVIDER_WORDS if words != "49"))
# Most ASCs are named a surgery (or surgical) center without "ambulatory" ('BAYVIEW EYE SURGERY CENTER', 'BAYVIEW
# SURGERY CENTER, LLC'): a name ending in those words names a facility, no practitioner. An ophthalmology group's trial
# exported its own ASC's POS 24 lines as 'BAYVIEW EYE SURGERY CENTER', each priced as a physician's line (66984-RT's
# $498.59 counted among the practitioners' claims, the ASC's $1,234.95 left out of its own). A name going on after them
# ('Ambulatory Surgical Center of Denver') is not read, as before. Those words name a physician practice too ('MIAMI
# PLASTIC SURGERY CENTER', 'The Oral Surgery Center'), which bills at the office or a hospital: away from the ASC (POS
# 24) such a name is a practice's, not said to be an ASC's (``asc_provider``'s ``surgery_center``).
# A GI or pulmonary ASC is as often named an endoscopy center ('NORTH SHORE ENDOSCOPY CENTER', 'LAKE ENDOSCOPY CTR,
# LLC', 'ENDOSCOPY CENTER OF EVANSTON'): at the ASC (POS 24) the billing provider so named is the center's claim, as
# a surgery center's is. A pulmonary group's trial: 'NORTH SHORE ENDOSCOPY CENTER''s 31622 at POS 24 in ZIP 60611
# (2026-08-03) was read as a physician's second line beside the practice's own 31622, both priced as the surgeon's
# claim (the second at 50% and called a duplicate), the ASC's own $987.33 counted among the practitioners' claims.
_SURGERY_CENTER_ENDS = (" surgery center", " surgical center", " endoscopy center")


# A billing system's field is short, and the center's name is cut to fit ('SCOTTSDALE SURGERY CTR', 'DESERT SPINE
# AMB SURG CTR'): an interventional pain practice's trial exported its ASC's own POS 24 lines so, each priced as a
# physician's line (64483's $97.72 counted among the practitioners' claims, the ASC's $488.35 left out of its own).
# The abbreviations of 'center' (CTR, CNTR, CENTRE), of 'surgery' before it (SURG) and of 'ambulatory' before surgery
# (AMB) are read as the words.
_CENTER_ABBREVIATIONS = {"ctr": "center", "cntr": "center", "centre": "center"}
_SURGERY_ABBREVIATIONS = {"surg": "surgery", "surgi": "surgical"}
# and 'endoscopy' cut before it ('SMOKY MTN ENDO CTR', 'PEACHTREE ENDO CENTER, LLC'), as a GI group's billing system
# wrote its co-owned endoscopy ASC's name: its POS 24 G0121 at ZIP 37919 (2025-10-20) was read as the physicians' claim,
# the PFS facility amount ($165.07) counted among the practitioners' claims and the ASC's $416.98 left out of its own.
# Read so before 'center' alone, and a name so read is an ASC's at the ASC (POS 24) alone, as a surgery center's is.
_ENDOSCOPY_ABBREVIATIONS = {"endo": "endoscopy", "endosc": "endoscopy"}


# A limited partnership's form after the center's name ('KNOXVILLE ENDOSCOPY CENTER LP', '... CENTER, L.P.'; LLLP, a
# limited liability limited partnership), as ASCs owned jointly by physicians and a hospital are often organized: no
# professional entity's form (a practice's P.A., P.C., PLLC), so the name stays the ASC's. A GI group's trial had its
# co-owned ASC's POS 24 G0121 so named read as the physicians' claim. Left out after a name of two words or more alone,
# as PA and DC are (_PLACE_OR_FORM): a person's 'SMITH, JOHN LP' is a licensed psychologist's cell, never an ASC's.
_PARTNERSHIP_FORMS = frozenset({"lp", "lllp"})


def _center_spelled_out(words: list[str]) -> list[str]:
    """A name's words with the abbreviations of 'center', 'surgery' or 'endoscopy' before it and 'ambulatory' before
    those spelled out (``_CENTER_ABBREVIATIONS``, ``_ENDOSCOPY_ABBREVIATIONS``)."""
    words = [_CENTER_ABBREVIATIONS.get(word, word) for word in words]
    for at in range(len(words) - 1, 0, -1):
        if words[at] == "center" and words[at - 1] in _SURGERY_ABBREVIATIONS:
            words[at - 1] = _SURGERY_ABBREVIATIONS[words[at - 1]]
        if words[at] == "center" and words[at - 1] in _ENDOSCOPY_ABBREVIATIONS:
            words[at - 1] = _ENDOSCOPY_ABBREVIATIONS[words[at - 1]]
        if words[at] in ("surgery", "surgical") and words[at - 1] == "amb":
            words[at - 1] = "ambulatory"
    return words


def asc_provider(value: str, *, surgery_center: bool = True) -> bool:
    """Whether a provider cell names an ambulatory surgical center (``ASC_PROVIDER_WORDS``: 'ASC', CMS specialty 49,
    its name; or a name ending in one of those words, an entity form after it left out: a PA (professional
    association) or DC (a place) after a name of two words or more too, 'ORTHO ASC, P.A.', which was read as a
    physician assistant's line at 85%; or, with ``surgery_center``, a name ending in 'surgery center' or 'surgical
    center', which a physician practice's name may end in too: read so at the ASC alone), not a practitioner."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "").replace(",", " ")).strip()
    key = " ".join(_center_spelled_out(key.split(" ")))
    if key in ASC_PROVIDER_WORDS:
        return True
    words = key.split(" ")
    professional = False  # a professional entity's form after the name (_PROFESSIONAL_FORMS): a practice's
    while len(words) > 1 and (
        words[-1] in _ENTITY_FORMS or (len(words) > 2 and words[-1] in _PLACE_OR_FORM | _PARTNERSHIP_FORMS)
    ):
        professional = professional or words.pop() in _PROFESSIONAL_FORMS
    # A surgery or endoscopy center's name with a professional entity's form after it ('LAKE ENDOSCOPY CENTER, P.A.',
    # 'LAKESHORE PULMONARY AND ENDOSCOPY CENTER PC') is the physicians' practice, in a provider cell and ``price
    # --provider`` as in the billing provider (``asc_billing_provider``): a review found such a provider cell's 31622
    # at POS 24 (ZIP 60611, 2026-08-03) read as the ASC's own claim line, its $853.39 ASC payment counted among the
    # facilities' claims and the physician's $133.94 left out. An ASC's own name ('ORTHO ASC, P.A.') says the ASC.
    ends = _ASC_NAME_ENDS + _SURGERY_CENTER_ENDS if surgery_center and not professional else _ASC_NAME_ENDS
    return " ".join(words) in ASC_PROVIDER_WORDS or f" {' '.join(words)}".endswith(ends)


# A professional entity's form (P.A. professional association, P.C. professional corporation, PLLC, PSC, APC, APMC):
# owned by licensed practitioners, the form of a physicians' practice, not a facility's. A billing provider named a
# surgery center with it ('MIAMI PLASTIC SURGERY CENTER, P.A.') is the surgeons' practice billing their own claims at
# the ASC (a review found its 45380 at POS 24 read as the ASC's own claim line, the surgeon's $196.14 left out of the
# practitioners' claims); an ASC's name ('... ASC, P.A.', '... Ambulatory Surgery Center') says the ASC whatever form.
_PROFESSIONAL_FORMS = frozenset({"pa", "pc", "pllc", "psc", "apc", "apmc"})


def asc_billing_provider(value: str) -> bool:
    """Whether a claim's billing provider names an ambulatory surgical center (``asc_provider``), a name ending in
    'surgery center' or 'surgical center' so read where no professional entity's form follows it
    (``_PROFESSIONAL_FORMS``: a surgeons' practice's)."""
    words = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "").replace(",", " ")).split()
    surgery_center = not (len(words) > 1 and words[-1] in _PROFESSIONAL_FORMS)
    # The claim's billing provider at the ASC named '... Surgery Center of <place>' ('SURGERY CENTER OF SCOTTSDALE',
    # 'Ambulatory Surgical Center of Tampa', 'SPINE SURGICAL CTR OF ARIZONA, LLC'): the center, a place after it, as
    # many ASCs are named; an interventional pain practice's trial had such a billing provider's POS 24 lines priced as
    # a physician's claim. The entity's form at the name's end (a surgeons' P.A.) is read as before. Not in a provider
    # cell: there a name going on after the words stays unread (``asc_provider``), the billing provider being the one
    # column that names who bills the claim.
    words = _center_spelled_out(words)
    # A name ending in an ASC's own words ('ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS ASC') is the center's,
    # whatever words come before them (``_ASC_NAME_ENDS``: ASC is no practitioner's credential): a review found such a
    # billing provider read as the gastroenterologists' practice (``_practitioners_word``), the ASC's POS 24 line
    # priced as the physician's claim.
    if asc_provider(value, surgery_center=False):
        return True
    # 'at' likewise ('THE SURGERY CENTER AT LUTHERVILLE', 'ENDOSCOPY CENTER AT EVANSTON'), as many ASCs are named: a
    # pulmonary group's trial had its ASC's POS 24 rows so named priced as the physician's claim
    for at in range(1, len(words) - 1):
        if words[at] in ("of", "at") and words[at - 1] == "center":
            if any(word in _NO_PLACE_WORDS or _practitioners_word(word) for word in words[at + 1 :]):
                return False  # 'PLASTIC SURGERY CENTER OF MIAMI MEDICAL GROUP': a surgeons' practice named so
            named = [word for word in words[at + 1 :] if word not in _ENTITY_FORMS]  # '..., LLC': its name's end
            if named and _specialty_word(named[-1]):
                return False  # 'ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY' ('... GI'): the practice's name
            return asc_provider(" ".join(words[:at]), surgery_center=surgery_center)
    return asc_provider(value, surgery_center=surgery_center)


# After 'Surgery Center of', the words of a practice, a physician's degree or a program, not a place's: a surgeons'
# practice ('PLASTIC SURGERY CENTER OF MIAMI MEDICAL GROUP', 'SURGERY CENTER OF SCOTTSDALE PHYSICIANS', 'ORTHOPEDIC
# SURGERY CENTER OF PHOENIX ASSOCIATES'), an anesthesia group ('... ANESTHESIA') or a surgeon's program ('WEIGHT LOSS
# SURGERY CENTER OF EXCELLENCE'), which bills the professional claim, not the ASC's (a review found each read as the
# ASC's own, the surgeon's POS 24 lines priced as the ASC's facility payment).
_NO_PLACE_WORDS = frozenset(
    (_BUSINESS_WORDS - {"center", "centers", "centre", "&"})
    | _PHYSICIAN_DEGREES
    | {"anesthesia", "anesthesiology", "anesthesiologists", "excellence", "doctors", "providers"}
)


# A specialty's practitioners after the place ('ENDOSCOPY CENTER AT EVANSTON GASTROENTEROLOGISTS', '... UROLOGISTS',
# '... ANESTHESIOLOGISTS', '... PODIATRISTS'), as 'SURGEONS' and 'PHYSICIANS' are: a practice of them, which bills
# the professional claim at the ASC (Claims Processing Manual ch. 14 §50), not a place. A review found the
# gastroenterologists' billing provider read as the ASC's own: its 64483 at POS 24 in ZIP 85251 (2026-08-11) priced
# at the ASC's $488.35, not the physician's $97.72, and counted among the facility claims.
_PRACTITIONERS_WORDS = frozenset({
    "internists", "podiatrists", "orthopedists", "orthopaedists", "endoscopists", "pediatricians", "obstetricians",
    "hospitalists", "intensivists", "dentists", "optometrists", "chiropractors", "therapists", "practitioners",
    "clinicians",
})  # fmt: skip


# A specialty practice's name at the end, after the place ('ENDOSCOPY CENTER AT PIEDMONT GASTROENTEROLOGY', '... AT
# PIEDMONT GI', '... OF ATLANTA UROLOGY'): the practice ('Piedmont Gastroenterology') billing its physicians' claims at
# the ASC, as '... GASTROENTEROLOGISTS' is (_practitioners_word). A name ending in an ASC's own words after it ('...
# GASTROENTEROLOGY ASC') stays the ASC's (asc_provider, read first).
_SPECIALTY_ABBREVIATIONS = frozenset({"gi", "ent", "ortho", "orthopedics", "orthopaedics", "podiatry", "pediatrics"})


# Words ending in -ology that name no specialty ('SURGERY CENTER OF ADVANCED TECHNOLOGY': an ASC's name, a review).
_NOT_SPECIALTIES = ("technology",)


def _specialty_word(word: str) -> bool:
    """Whether a name's last word is a specialty's name ('gastroenterology', 'gi': ``_SPECIALTY_ABBREVIATIONS``)."""
    return (word.endswith("ology") and not word.endswith(_NOT_SPECIALTIES)) or word in _SPECIALTY_ABBREVIATIONS


def _practitioners_word(word: str) -> bool:
    """Whether a name's word is a specialty's practitioners ('gastroenterologists': ``_PRACTITIONERS_WORDS``)."""
    return word.endswith("ologists") or word in _PRACTITIONERS_WORDS


def asc_provider_reason(value: str) -> str:
    """Why a provider cell or ``--provider`` naming an ASC (``asc_provider``) is no practitioner: the ASC bills its
    own claim (ch. 14 §50), read as such at POS 24 alone. No "; " in it: batch's note column joins a row's notes with
    it."""
    return (
        f"{value.strip()!r} names an ambulatory surgical center (CMS specialty 49), not a practitioner: a Medicare "
        "ASC bills its own claim on the 837P / CMS-1500 with place of service 24 (Claims Processing Manual ch. 14 "
        "§50), paid the ASC payment alone. A batch row with it at POS 24 (setting asc) is read as the ASC's own claim "
        "line, as type of bill 83x is"
    )


def slp_assistant_reason(value: str) -> str | None:
    """Why a speech-language pathology assistant's credential (``SLP_ASSISTANT_CREDENTIALS``, alone or after a name)
    names no practitioner Medicare pays, for ``rvucalc price --provider``; None for any other value."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    if key not in SLP_ASSISTANT_CREDENTIALS and _credential_of_name(value) not in SLP_ASSISTANT_CREDENTIALS:
        return None
    return (
        "Medicare does not recognize a speech-language pathology assistant's services, licensed or not: billed as "
        "therapy they are denied as unskilled, not reasonable and necessary (Medicare Benefit Policy Manual ch. 15 "
        "§230.3.C), and no modifier bills them (CQ and CO are PT and OT assistants'). A speech-language "
        "pathologist's own service is --provider slp."
    )


def graduate_license_reason(value: str) -> str | None:
    """Why a graduate or associate counselor's or therapist's license (``GRADUATE_COUNSELOR_CREDENTIALS``: LGPC,
    LGMFT, LMHCA, LMFTA), alone or after a name, is no Medicare practitioner, and who bills their services; None for
    any other value. One text for batch's provider cell (``provider_not_read_note``) and ``price --provider``."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    graduate = GRADUATE_COUNSELOR_CREDENTIALS.get(key) or GRADUATE_COUNSELOR_CREDENTIALS.get(
        _credential_of_name(value) or ""
    )
    if not graduate:
        return None
    return (
        f"a {graduate} is not read as a Medicare practitioner: Medicare's mental health counselor and marriage and "
        "family therapist are licensed after 2 years or 3,000 hours of post-master's supervised clinical experience "
        "(SSA §1861(lll)(2) and (4)). Their services are billed by a supervising practitioner, under that "
        "practitioner's own number."
    )


def social_worker_license_reason(value: str) -> str | None:
    """Why a social worker's license short of the clinical one (``SOCIAL_WORKER_ASSOCIATE_CREDENTIALS``: LICSWA;
    ``NOT_MEDICARE_CREDENTIALS``: LMSW, LLMSW, MSW, LGSW), alone or after a name, is no clinical social worker
    Medicare pays, and who bills their services; None for any other value. One text for batch's provider cell
    (``provider_not_read_note``) and ``rvucalc price --provider``."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    associate = SOCIAL_WORKER_ASSOCIATE_CREDENTIALS.get(key) or SOCIAL_WORKER_ASSOCIATE_CREDENTIALS.get(
        _credential_of_name(value) or ""
    )
    if associate:
        return (
            f"{'an' if associate[0] in 'aeiou' else 'a'} {associate} is not a clinical social worker Medicare pays "
            "(licensed or certified as a clinical "
            "social worker by the State after 2 years of supervised clinical social work: SSA §1861(hh)(1), 42 CFR "
            "410.73(a)). Their services are billed by a supervising practitioner, under that practitioner's own "
            "number."
        )
    if key in NOT_MEDICARE_CREDENTIALS or _credential_of_name(value) in NOT_MEDICARE_CREDENTIALS:
        return (
            "a licensed master social worker is not a clinical social worker Medicare pays (licensed or certified as "
            "a clinical social worker by the State: SSA §1861(hh)(1), 42 CFR 410.73(a)). Their services are billed "
            "by a supervising practitioner, under that practitioner's own number."
        )
    return None


def state_title_reason(value: str) -> str | None:
    """Why a State's license under a title Medicare's mental health counselor rule does not name
    (``STATE_TITLE_CREDENTIALS``: Nebraska's LMHP), alone or after a name, is not read as an MHC; None for any other
    value. One text for batch's provider cell (``provider_not_read_note``) and ``rvucalc price --provider``."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    if key not in STATE_TITLE_CREDENTIALS and _credential_of_name(value) not in STATE_TITLE_CREDENTIALS:
        return None
    return (
        "LMHP does not say which practitioner billed. Nebraska's licensed mental health practitioner is not read as a "
        "mental health counselor (75%, as a CSW): Medicare's MHC is licensed or certified by the State as a mental "
        "health counselor, clinical professional counselor or professional counselor (42 CFR 410.54(a)(3)), a title "
        "the LMHP license alone does not give, and in Virginia LMHP is any licensed mental health professional (a "
        "physician, psychologist, LPC, LCSW, LMFT or psychiatric CNS: 12VAC35-105-20). Give the license the line is "
        "billed under: an LPC (as one enrolled as an MHC under Nebraska's professional counselor title), LCSW, PhD, MD."
    )


# A cell batch reads as a blank one (``PROVIDER_WORDS``' None: a DMEPOS supplier's, an ambulance crew's, a clinical
# laboratory's, their taxonomy codes 332B*, 291U*) names no practitioner: ``rvucalc price --provider DME`` (NRP, EMT,
# 291U00000X, 'Clinical Laboratory') gave the generic list of words, as if it were a misspelling, where batch prices
# such a row as its --provider's line. Price, batch's --provider and the API refuse it with the reason (no practitioner
# type changes what the supplier is paid) and say what batch does with the cell: leave --provider out. The rules, as
# the comments at DME_SUPPLIER_WORDS, AMBULANCE_CREW_WORDS and 'clinical laboratory' cite them: DME furnished by a
# supplier is paid by the DME MAC from the DMEPOS fee schedule (Medicare Benefit Policy Manual ch. 15 §110; 42 CFR
# 414.210); an ambulance trip from the ambulance fee schedule (SSA §1834(l), 42 CFR 414.601, 414.610); outpatient
# clinical laboratory tests from the CLFS (SSA §1833(h): the lesser of the amount billed, the local fee or the
# national limit).
_NO_PRACTITIONER_REASONS = {
    "dme": "names a DMEPOS supplier, not a practitioner: the supplier is paid the DMEPOS fee schedule amount, whoever "
    "prescribed the item (Medicare Benefit Policy Manual ch. 15 §110, 42 CFR 414.210)",
    "ambulance": "names an ambulance crew's certification, not a practitioner: the ambulance supplier or provider "
    "bills the trip, paid from the ambulance fee schedule (SSA §1834(l), 42 CFR 414.610)",
    "clinical laboratory": "names a clinical laboratory (CMS specialty 69), not a practitioner: a lab test is paid "
    "the clinical laboratory fee schedule amount whoever bills it (SSA §1833(h))",
    "testing facility": "names an IDTF or imaging center, not a practitioner: the facility bills its tests under its "
    "own enrollment (42 CFR 410.33), an interpreting NP's or PA's reading under the NP's or PA's",
    "diagnostic lab": "names a diagnostic test's lab (EEG, EMG, sleep, echo ...), not a practitioner: the practice, "
    "hospital or IDTF whose lab it is bills its tests under its own number (42 CFR 410.32, 410.33), an interpreting "
    "NP's or PA's reading under the NP's or PA's",
}


def no_practitioner_reason(value: str) -> str | None:
    """Why a value batch's provider cell reads as a blank one (a DMEPOS supplier's, an ambulance crew's, a clinical
    laboratory's: ``PROVIDER_WORDS``' None, or their NUCC taxonomy) is no practitioner ``--provider`` can name; None
    for any other value."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    if key not in PROVIDER_WORDS and dme_supplier_name(value):
        return _NO_PRACTITIONER_REASONS["dme"]  # 'NORTH SLEEP DME': the supplier's claim (dme_supplier_cell)
    if key not in PROVIDER_WORDS and diagnostic_facility_name(value):
        return _NO_PRACTITIONER_REASONS["testing facility"]
    if key not in PROVIDER_WORDS and independent_lab_name(value):
        words = {word.strip("()[]-'").lower().replace(".", "") for word in re.split(r"[,\s/]+", value) if word.strip()}
        if words & (_DIAGNOSTIC_LAB_WORDS | _NOT_CLINICAL_LABS):  # 'EEG LAB', 'PFT LAB': no clinical lab (lab_cell)
            return _NO_PRACTITIONER_REASONS["diagnostic lab"]
        return _NO_PRACTITIONER_REASONS["clinical laboratory"]
    if key not in PROVIDER_WORDS:
        key = _taxonomy_word(key) or key
    if key not in PROVIDER_WORDS or PROVIDER_WORDS[key] is not None:
        return None
    if key in AMBULANCE_CREW_WORDS:
        return _NO_PRACTITIONER_REASONS["ambulance"]
    lab = key in ("clinical laboratory", "clinical lab", "69")
    return _NO_PRACTITIONER_REASONS["clinical laboratory" if lab else "dme"]


def dme_supplier_cell(value: str) -> bool:
    """Whether a provider cell names a DMEPOS supplier ('DME', 'DME Supplier', taxonomy 332B*): its rows are the
    supplier's claim, no practitioner's encounter (engine.bundled_supplies: a dressing there is not bundled). A blank
    cell (or a file without a provider column) names no supplier: ``PROVIDER_WORDS``' '' is a blank provider, whose
    claim is the practitioner's as ``rvucalc price``'s encounter."""
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    return bool(key) and no_practitioner_reason(value) == _NO_PRACTITIONER_REASONS["dme"]


_GIVE_ONE_TYPE = "Give the one the claim is billed under (as NP, LCSW, MD)."


def two_types_reason(value: str) -> str | None:
    """Why a cell listing two practitioner types' credentials ('Psychiatry, NP, LCSW': an NP and a CSW) is not read,
    from 'names two ...'; None for any other value (a practice's name: 'JOHN SMITH MD PA'). One text for batch's
    provider cell (``provider_not_read_note``) and ``rvucalc price --provider`` (which gave its generic list)."""
    kinds = [] if business_name(value) else _kinds_listed(value)  # 'JOHN SMITH MD PA': a practice, not two types
    if len(kinds) < 2:
        return None
    return (
        f"names two practitioner types ({' and '.join(kinds)}): not read, as rvucalc cannot tell which of them billed "
        "the line."
    )


# Why a nurse's or a practice's cell is not read, said by batch's note and ``rvucalc price --provider`` alike (price
# gave its generic list of words for 'Registered Nurse', 'RN' and 'JOHN SMITH MD PA', batch its generic note). A
# registered, practical or vocational nurse is auxiliary personnel: their services are covered incident to a physician's
# or other practitioner's (a PA's, NP's, CNS's, CNM's, clinical psychologist's) under direct supervision and included in
# that practitioner's bill (Medicare Benefit Policy Manual ch. 15 §60, §60.1), under no number of their own. A
# practice's name ('JOHN SMITH MD PA': ``business_name``) says no one practitioner: its PA is the entity's form.
_NURSE_REASON = (
    "A registered, practical or vocational nurse bills Medicare under no number of their own: their services are "
    "billed incident to a physician's or other practitioner's, under that practitioner's number (Medicare Benefit "
    "Policy Manual ch. 15 §60)"
)
_TECHNICIAN_REASON = (
    "An ophthalmic assistant's or technician's certification (COA, COT, COMT, CRA, OCT-C) is no license Medicare "
    "enrols: their services are billed incident to the physician's or optometrist's, under that practitioner's number "
    "(Medicare Benefit Policy Manual ch. 15 §60)"
)
_SHARED_CERTIFICATION_REASON = (
    # SHARED_WOUND_CERTIFICATIONS alone after a name: the certification says no license
    "A wound care certification (CWS, WCC, DWC, AWCC, CHWS) is held by physicians, podiatrists, NPs, PAs, therapists "
    "and nurses alike: alone it does not say who billed"
)
_TECHNOLOGIST_REASON = (
    # said on each of an IDTF's technical rows that names its technologist: the cell, quoted before it, names the
    # credential (a list of them here was 55 characters more a row)
    "A diagnostic technologist's credential is no license Medicare enrols: the tests they perform are billed by the "
    "IDTF, physician practice or hospital they work for, under its own number (42 CFR 410.33)"
)
_REHAB_STAFF_REASON = (
    # said on each of a rehab program's rows that names its therapist: the cell, quoted before it, names the credential
    "A respiratory therapist's or exercise physiologist's credential is no license Medicare enrols: their services "
    "are billed by the hospital they work for, or incident to a practitioner's in a physician-directed clinic or "
    "practice (NCD 20.10; Medicare Benefit Policy Manual ch. 15 §60, §232)"
)
# an athletic trainer's (``ATHLETIC_TRAINERS``), said on each row that names one
_ATHLETIC_TRAINER_REASON = (
    "An athletic trainer's credential (ATC, LAT) is no license Medicare enrols: their services are billed incident to "
    "a physician's or NPP's, under that practitioner's number (Medicare Benefit Policy Manual ch. 15 §60), and a "
    "physical therapy service is paid only when the one who furnishes it meets a physical therapist's qualifications "
    "(42 CFR 410.60(a))"
)
# an orthopaedic physician's assistant's (``ORTHOPAEDIC_ASSISTANTS``)
_ORTHOPAEDIC_PA_REASON = (
    "An orthopaedic physician's assistant's certification (OPA-C, the NBCOPA's) is no physician assistant's license: "
    "Medicare pays a PA who graduated from an accredited PA program or passed the NCCPA's certification examination "
    "and is licensed by the State as a PA (42 CFR 410.74(c)); an OPA-C bills under no number of their own"
)
# a name with a fellowship, degree or certification after it and no license (``_no_license_after_name``)
_NO_LICENSE_REASON = (
    "A fellowship, degree or certification after the name with no license does not say who billed (the ACC's FACC, "
    "for one, is held by NPs and researchers as well as physicians)"
)
# a surgical technologist's or first assistant's (``SURGICAL_TECHNOLOGISTS``)
_SURGICAL_TECHNOLOGIST_REASON = (
    "A surgical technologist's or first assistant's certification (CST, CSFA) is no license Medicare enrols: an "
    "assistant at surgery is paid only as a physician (80, 81, 82) or a PA, NP or CNS (AS, 85% of 16%: CMS's "
    "compliance item 0222); a technologist's work is the hospital's, ASC's or surgeon's, under its number"
)
# A respiratory therapist who holds a technologist's credential besides ('NOWAK, TOM RRT, RPFT': the NBRC's pulmonary
# function technologist; 'RRT, RPSGT'): a respiratory therapist, whose line may be a therapy (G0237, pulmonary rehab)
# as well as a test. The note named a diagnostic technologist alone, the tests billed by an IDTF (a review: a pulmonary
# group's RRT, RPFT on its G0237 row). Both readings said, each with its rule.
_RESPIRATORY_THERAPIST_TECHNOLOGIST_REASON = (
    "A respiratory therapist's or diagnostic technologist's credential is no license Medicare enrols: their services "
    "are billed by the hospital they work for, or incident to a practitioner's (Medicare Benefit Policy Manual ch. 15 "
    "§60), the tests they perform by the IDTF, physician practice or hospital, under its own number (42 CFR 410.33)"
)
# a respiratory therapist's credentials (``REHAB_STAFF``, not an exercise physiologist's; not CRT alone, California's
# radiologic technologist's certificate too beside a technologist's credential)
_RESPIRATORY_THERAPISTS = frozenset({"rrt", "rcp", "rrt nps", "rrt accs", "rrt sds", "crt nps", "crt sds"})
_PRACTICE_REASON = "A practice's name is no credential: its PA, PC or LLC is the entity's form, not a practitioner's"
# a physician's degree and fellowships then PA (``_physician_then_form``)
_PA_AFTER_PHYSICIAN_REASON = (
    "A PA after a physician's degree and fellowships (or a fellowship only physicians hold, FACS, FAAOS) is most "
    "likely the practice's form (a professional association), "
    "not a physician assistant's credential: not read, neither a physician's line nor a PA's 85% guessed"
)
_GIVE_CREDENTIAL = "Give the billing practitioner's credential, alone or after the name ('LEE, SAM PA-C')."
# ``rvucalc price --provider RPSGT`` (a technologist's or rehab therapist's credential): the line they perform is the
# facility's or practice's, a technical component (TC: the equipment, supplies and technologist's work, the PFS RVU
# file's PC/TC indicator 1) or an IDTF's global test, billed under its own number (42 CFR 410.33; NGS's "Independent
# Diagnostic Testing Facility": the IDTF enrols on the CMS-855B), where price told the user to give "the billing
# practitioner's credential", which the technologist has none of. Say to leave --provider out (priced as a
# physician's line, the PFS amount in full) and name whose credential a reading (26) takes.
_LEAVE_PROVIDER_OUT = (
    "For the technical component (TC) or an IDTF's global test leave {provider} out: the facility or practice bills "
    "it, in full. For the reading (26) give the interpreting practitioner's credential ('PATEL, ANIL MD', NP)."
)
# a respiratory therapist's or exercise physiologist's line in a practice is billed incident to a practitioner's, under
# that practitioner's number (Benefit Policy Manual ch. 15 §60), at the hospital as the hospital's (NCD 20.10)
_LEAVE_PROVIDER_OUT_REHAB = (
    "Leave {provider} out (the hospital's or practice's line, priced as a physician's), or give the credential of the "
    "practitioner it is billed incident to ('NGUYEN, LAN NP')."
)

# On a hospital's or ASC's own bill (type of bill 13x, 83x: a UB-04) the line its nurse, technologist, respiratory
# therapist or technician performed is the facility's: Part B's hospital outpatient services are those "incident to
# physician services" and the diagnostic services "furnished to outpatients by or under arrangements made by a
# hospital" (42 CFR 410.10(c), (d)), none by another entity but a physician's, PA's, NP's, CNS's ... (42 CFR 410.42(a)),
# and an ASC's nursing and technician services are in its facility payment (42 CFR 416.164(a)). No practitioner's
# credential chooses the line's payment there: batch reads such a cell on the bill's row as a blank one, no note
# (``facility_staff_cell``), where it told an Epic HB export's 'DOE, JANE RN' on a 131 bill to give "the billing
# practitioner's credential"; price says to leave --provider out.
_LEAVE_PROVIDER_OUT_FACILITY_BILL = (
    "On a hospital's or ASC's own bill (type of bill 13x, 83x) the facility bills the line, whoever performed it: "
    "leave {provider} out."
)


def facility_staff_cell(value: str) -> bool:
    """Whether a provider cell names a nurse, diagnostic technologist, respiratory therapist or exercise physiologist,
    or ophthalmic technician (``not_a_practitioner_reason``; not a practice's name): on a facility's own bill, the
    facility's staff (``_LEAVE_PROVIDER_OUT_FACILITY_BILL``)."""
    reason = not_a_practitioner_reason(value)
    return reason is not None and reason not in (
        _PRACTICE_REASON,
        _PA_AFTER_PHYSICIAN_REASON,
        _SHARED_CERTIFICATION_REASON,
        _NO_LICENSE_REASON,
    )


def not_a_practitioner_reason(value: str) -> str | None:
    """Why a nurse's cell ('RN', 'Registered Nurse', 'DOE, JANE RN': ``NON_BILLING_NURSES``, ``_nurse_title``), an
    ophthalmic technician's ('LEE, KIM COA': ``NON_BILLING_TECHNICIANS``) or a practice's name (``business_name``)
    names no practitioner, as one sentence without its full stop; None for any other value. One text for batch's
    provider cell (``provider_not_read_note``) and ``rvucalc price --provider``."""
    if business_name(value):
        cell = [word.lower().replace(".", "") for word in re.split(r"[,\s]+", value.strip()) if word.strip(",.")]
        return _PA_AFTER_PHYSICIAN_REASON if _physician_then_form(cell) else _PRACTICE_REASON
    plain = _without_specialties(value.strip())  # 'RDCS (AE, PE)': the RDCS's
    if plain.startswith("(") and plain.endswith(")"):
        value = plain = plain[1:-1].strip()  # '(RPFT)': the RPFT's, as 'LEE, KIM (RPFT)' is
    key = _registry_word(_PROVIDER_SEPARATORS.sub(" ", plain.lower().replace(".", "")).strip())
    credential = _credential_of_name(value) if value.strip() else None
    if key in NON_BILLING_NURSES or key in REGISTERED_NURSE_CERTIFICATIONS or _nurse_title(value):
        return _NURSE_REASON
    if _nurses_name(value, credential):
        return _NURSE_REASON
    # a list of credentials none of which names a practitioner ('MS, ACSM-CEP', 'BS, RDMS'): the staff member's
    listed = set() if credential else set(_listed_words(value))
    if any(map(_names_a_practitioner, listed)):
        listed = set()
    # a nurse's list ('RN, WOCN', 'BSN, RN, CHRN': REGISTERED_NURSE_CERTIFICATIONS), each word a credential
    nurse_words = NON_BILLING_NURSES | REGISTERED_NURSE_CERTIFICATIONS
    if listed & nurse_words and all(word in nurse_words or word in NOT_PRACTITIONER_TYPES for word in listed):
        return _NURSE_REASON
    if key in DIAGNOSTIC_TECHNOLOGISTS or credential in DIAGNOSTIC_TECHNOLOGISTS or listed & DIAGNOSTIC_TECHNOLOGISTS:
        words = set(_listed_words(value))
        if words & _RESPIRATORY_THERAPISTS or ("crt" in words and words & {"rpft", "cpft"}):  # CRT beside the NBRC's
            return _RESPIRATORY_THERAPIST_TECHNOLOGIST_REASON  # 'NOWAK, TOM RRT, RPFT': a respiratory therapist too
        return _TECHNOLOGIST_REASON
    # CRT is California's Certified Radiologic Technologist too (the Department of Public Health's certificate under
    # the Radiologic Technology Act, Health and Safety Code §106955 ff.), written after ARRT's ('ORTIZ, ANA RT(R) CRT'):
    # a technologist's credential beside it says which, not a respiratory therapist's (a review found the rehab note)
    if credential == "crt" and DIAGNOSTIC_TECHNOLOGISTS.intersection(_listed_words(value)):
        return _TECHNOLOGIST_REASON
    if key in REHAB_STAFF or credential in REHAB_STAFF or listed & REHAB_STAFF:
        return _REHAB_STAFF_REASON
    if key in ATHLETIC_TRAINERS or credential in ATHLETIC_TRAINERS or listed & ATHLETIC_TRAINERS:
        return _ATHLETIC_TRAINER_REASON
    if key in ORTHOPAEDIC_ASSISTANTS or credential in ORTHOPAEDIC_ASSISTANTS or listed & ORTHOPAEDIC_ASSISTANTS:
        return _ORTHOPAEDIC_PA_REASON
    if key in SURGICAL_TECHNOLOGISTS or credential in SURGICAL_TECHNOLOGISTS or listed & SURGICAL_TECHNOLOGISTS:
        return _SURGICAL_TECHNOLOGIST_REASON
    if _no_license_after_name(value, credential):
        return _NO_LICENSE_REASON  # 'LEE, KIM FACC': a fellowship alone (_no_license_after_name)
    if key in NON_BILLING_TECHNICIANS or credential in NON_BILLING_TECHNICIANS:
        return _TECHNICIAN_REASON
    if credential in SHARED_WOUND_CERTIFICATIONS or (listed and listed <= SHARED_WOUND_CERTIFICATIONS):
        return _SHARED_CERTIFICATION_REASON  # 'SMITH, JANE DWC', 'CWS': no one's license (SHARED_WOUND_CERTIFICATIONS)
    return None


def provider_not_read_note(value: str, provider: str) -> str:
    """The note of a row whose provider cell names no practitioner: priced as the run's ``provider``, and how to say
    an NP's, PA's or CNS's line."""
    who = {"physician": "a physician's", "np": "an NP's", "pa": "a PA's", "cns": "a CNS's",
           "crna": "a CRNA's", "csw": "a CSW's", "psychologist": "a psychologist's",
           "chiropractor": "a chiropractor's", "cnm": "a certified nurse-midwife's",
           "dietitian": "a registered dietitian's", "therapist": "a physical or occupational therapist's",
           "slp": "a speech-language pathologist's", "audiologist": "an audiologist's"}[provider]  # fmt: skip
    key = _PROVIDER_SEPARATORS.sub(" ", value.strip().lower().replace(".", "")).strip()
    if _masters_psychologist(value):
        return _MASTERS_PSYCHOLOGIST_NOTE.format(value=value.strip(), who=who)
    if key in _DRUG_COUNSELOR_CREDENTIALS:
        return _DRUG_COUNSELOR_NOTE.format(value=value.strip(), who=who)
    if key in SLP_ASSISTANT_CREDENTIALS or _credential_of_name(value) in SLP_ASSISTANT_CREDENTIALS:
        return _SLP_ASSISTANT_NOTE.format(value=value.strip(), who=who)
    if graduate := graduate_license_reason(value):
        return f"Provider {value.strip()!r}: {graduate} Not read: priced as {who} line (the run's --provider)."
    if two_types := two_types_reason(value):
        return f"Provider {value.strip()!r} {two_types} Priced as {who} line (the run's --provider). {_GIVE_ONE_TYPE}"
    if social_worker := social_worker_license_reason(value) or state_title_reason(value):
        return f"Provider {value.strip()!r}: {social_worker} Not read: priced as {who} line (the run's --provider)."
    if reason := not_a_practitioner_reason(value):  # shorter than the list below: a nurse's, a practice's
        return (
            f"Provider {value.strip()!r} not read as a practitioner: priced as {who} line (the run's --provider). "
            f"{reason}. {_GIVE_CREDENTIAL}"
        )
    return (
        # Said on each such row: kept to the words a biller types (a trial's rows carried 1,100 characters each).
        f"Provider {value.strip()!r} not read as a practitioner: priced as {who} line (the run's --provider). Give "
        "the billing practitioner's credential or CMS specialty code, alone or after the name ('LEE, SAM PA-C'): "
        "NP (FNP, CRNP, ARNP ..., 50), PA (PA-C, 97) or CNS (89), 85%; CNM (42), the full amount; RD, RDN, LD (71), "
        "nutrition therapy at 85%; CRNA, CAA, AA-C, the QZ/QX share; LCSW, LICSW, LMFT, LMHC, LPC, LCPC (80), 75%; "
        "PhD, PsyD, LP (68), the full amount; DC (35), spinal manipulation only; MD, DO, DPM, OD, DDS, DMD, PT, OT, "
        "SLP, AUD or blank, the full amount."
    )


def name_credential(text: str) -> str | None:
    """The credential after a practitioner's name ('NGUYEN, LINH LICSW' -> 'LICSW'), as written, where ``provider_of``
    (or ``assistant_of``: 'DOE, JOHN PTA') reads the name by it; None for a name without one, or a blank cell. An
    ASC's name ending in ASC ('ROCKY MOUNTAIN ENDOSCOPY CENTER ASC': ``asc_provider``) is the ASC's, 'ASC', as its cell
    in the provider column would be (a GI trial's blank credential cell beside it priced a physician's line)."""
    if text.strip() and asc_provider(text):
        return "ASC"
    credential = _credential_of_name(text) if text.strip() else None
    if credential is None:
        return None
    try:
        read = assistant_of(text) or provider_of(text)
    except ValueError:
        return None
    # the word read, as written: not a word after it that names no practitioner ('LICSW, LADC': LICSW)
    written = [word.strip(",") for word in text.split()]
    said = [
        word for word in written if _PROVIDER_SEPARATORS.sub(" ", word.lower().replace(".", "")).strip() == credential
    ]
    return (said[-1] if said else written[-1]) if read else None


def _at_the_asc(setting: str | None) -> bool:
    """Whether ``setting`` (``price --setting``: asc, 24 ...) is the ASC's; False for none, or one not read."""
    if setting is None or not setting.strip():
        return False
    from rvucalc.engine.place_of_service import resolve_site

    try:
        return resolve_site(setting).site == "asc"
    except RvucalcError:
        return False


def _facility_bill_setting(setting: str | None) -> bool:
    """Whether ``setting`` (``price --setting``) is a facility's own type of bill (13x, 83x)."""
    from rvucalc.engine.place_of_service import facility_bill

    return setting is not None and facility_bill(setting)


def provider_word(text: str, *, setting: str | None = None) -> str:
    """``provider`` (``rvucalc price --provider``, the Python API's ``provider``) as a batch provider column's cell is
    read (``provider_of``: 'dc', 'DPM', 'MD', 'PA-C', 'LCSW' ...): the practitioner's name in
    ``lookup.lines.PROVIDERS`` (a trial's `--provider dc` was refused where the column took DC; the API refused 'MD',
    which the command line took). A name of PROVIDERS, or a blank one, is passed on as given (the core checks it); a
    therapy assistant's credential (PTA, OTA ...: ``assistant_of``) in lower case, which the command line prices as
    batch prices their rows (``cli.assistant_lines``). One reading for the command line and the API. ``setting``
    (price's --setting): a name ending in 'surgery center' is refused as the ASC's at the ASC alone (24, asc), as
    batch reads its cell; elsewhere as a practice's name."""
    if text.strip().lower() in PROVIDERS or not text.strip():
        return text
    if assistant_of(text):  # PTA, OTA ...: a therapy assistant's lines (``assistant_lines``, batch's provider cell)
        return text.strip().lower()
    try:
        word = provider_of(text)
        if word is None:  # a cell batch reads as blank (a DMEPOS supplier's 'DME'): no practitioner to price as
            raise ValueError(text)
        return word
    except ValueError:
        if reason := no_practitioner_reason(text):  # 'DME', 'NRP', 291U00000X: batch reads the cell as blank
            raise UsageError(
                f"{option('provider')} {text.strip()!r} {reason}. A batch provider cell with it is read as a blank "
                f"one (the run's {option('provider')}): leave {option('provider')} out to price the line as a "
                "physician's, or give the billing practitioner's: a credential or CMS specialty code (MD, NP, PA-C, "
                "50 ...)."
            ) from None
        if reason := slp_assistant_reason(text):  # an SLPA: no Medicare practitioner (BPM ch. 15 §230.3.C)
            raise UsageError(f"{option('provider')} {text.strip()!r}: {reason}") from None
        # A graduate or associate license (LGPC, LMHCA, LICSWA, LMSW ...): batch's provider cell note says why it is
        # no Medicare practitioner (SSA §1861(lll)(2) and (4), §1861(hh)(1), 42 CFR 410.73(a)); price says the same.
        if reason := graduate_license_reason(text):
            raise UsageError(
                f"{option('provider')} {text.strip()!r}: {reason} Give the supervising practitioner's credential (as "
                "MD, NP, LICSW, LMHC)."
            ) from None
        if reason := two_types_reason(text):  # 'Psychiatry, NP, LCSW': batch's note for the cell says the same
            raise UsageError(f"{option('provider')} {text.strip()!r} {reason} {_GIVE_ONE_TYPE}") from None
        if reason := social_worker_license_reason(text):
            raise UsageError(
                f"{option('provider')} {text.strip()!r}: {reason} Give the supervising practitioner's credential (as "
                "MD, NP, LICSW, LMHC)."
            ) from None
        if reason := state_title_reason(text):  # Nebraska's LMHP: not a title 42 CFR 410.54(a)(3) names
            raise UsageError(f"{option('provider')} {text.strip()!r}: {reason}") from None
        # The ASC's own claim (ch. 14 §50): its payment is --setting 24's facility payment. A name ending in 'surgery
        # center' alone is a physician practice's name too ('MIAMI PLASTIC SURGERY CENTER'): read as the ASC's at the
        # ASC alone (``setting``), elsewhere a practice's name, as batch reads its cell (``asc_provider``'s
        # ``surgery_center``), where price at the office told it 'names an ambulatory surgical center'
        if asc_provider(text, surgery_center=_at_the_asc(setting)):
            raise UsageError(
                f"{option('provider')} {asc_provider_reason(text)}. Its payment is the ASC's at {option('setting')} "
                f"24 (the facility payment); {option('provider')} is the practitioner who billed the line."
            ) from None
        if reason := not_a_practitioner_reason(text):  # a nurse's, a practice's: batch's note says the same
            advice = _GIVE_CREDENTIAL
            not_staff = (_PRACTICE_REASON, _PA_AFTER_PHYSICIAN_REASON, _NO_LICENSE_REASON)
            if reason not in not_staff and _facility_bill_setting(setting):  # the facility's line
                advice = _LEAVE_PROVIDER_OUT_FACILITY_BILL.format(provider=option("provider"))
            elif reason == _TECHNOLOGIST_REASON:  # the facility's line (_LEAVE_PROVIDER_OUT)
                advice = _LEAVE_PROVIDER_OUT.format(provider=option("provider"))
            elif reason in (_REHAB_STAFF_REASON, _RESPIRATORY_THERAPIST_TECHNOLOGIST_REASON, _ATHLETIC_TRAINER_REASON):
                advice = _LEAVE_PROVIDER_OUT_REHAB.format(provider=option("provider"))
            raise UsageError(f"{option('provider')} {text.strip()!r}: {reason}. {advice}") from None
        raise UsageError(
            f"{option('provider')} {text.strip()!r}: choose {', '.join(PROVIDERS)}, or a credential or CMS specialty "
            "code as a batch provider column takes it (MD, DO, DPM, DC, FNP, PA-C, CRNA, CNM, RD, LCSW, PhD, AUD, PT, "
            "OT, SLP, 50, 97, 42, 71 ...)."
        ) from None
