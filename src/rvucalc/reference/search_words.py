"""Words of a search matched against CMS's short descriptors, which abbreviate them.

CMS's descriptors are cut to 28 characters by dropping letters ("Arthrs kne surg", "Methylpred acetate inj"), so
a user's "knee arthroscopy" holds neither as written. A query word matches a descriptor when the descriptor holds
it (anywhere, as the phrase search does) or holds an abbreviation of it, as CMS makes them: the word's first
letter, then its letters in order, leaving out vowels, the word's end and, in a long abbreviation, one consonant
("arthrs" for "arthroscopy", "kne" for "knee", "mnisectmy" for "meniscectomy", "methylpred" for
"methylprednisolone"; not "cranial" or "cancer" for "craniocervical", nor "gls" (glass) for "glucose"). An
abbreviation keeps more than a third of the word (at least three letters), so "art" (CMS's "artery" too) does not
stand for "arthroscopy". Every query word must match, in any order.

Some descriptors name a vaccine by its acronym alone ("Iiv3 vacc no prsv 0.5 ml im" is 90656, "Iiv no prsv increased
ag im" 90662, "Pcv20 vaccine im" 90677): such an acronym also reads as the words it stands for (``ACRONYMS``), so
"flu vaccine" finds them (so do "Sarscov2" for "covid", "All tstg" for allergy testing, "Us" for ultrasound, "Tlh"
for total laparoscopic hysterectomy, "Arthrd pst ..." for a spinal fusion, "Lamot" for laminotomy
(hemilaminectomy), "Nf" for nursing facility, "Cv cath" for central venous catheter); the descriptor shown stays
CMS's. A token that is an English word (``WORDS``: "all", "ultra") is no abbreviation, nor is one CMS's own
(``ABBREVIATIONS``) of another word.

CMS also shortens some words its own irregular way, read the same way (``ABBREVIATIONS``: "mgmt" management, "bx"
biopsy, "rpm" remote physiologic monitoring, "dbrdmt" debridement), and ends a word with "j" for "-tion"/"-sion"
("Transj care mgmt" for transitional care management, "Insj" insertion, "Revj" revision) or with "8" for "-ate" ("Bx
prst8" for prostate biopsy). A few services are known by a name CMS's descriptors do not use at all
(``COMMON_NAMES``: "vasectomy" is 55250 "Removal of sperm duct(s)"): a query holding the name also reads as CMS's
words for it. A product whose descriptor is its brand alone (Q4101 "Apligraf") also reads as the kind of product its
code is (``PRODUCT_CODES``: a skin substitute).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

_WORD = re.compile(r"[a-z0-9]+")


def query_words(text: str) -> list[str]:
    """The query's words, lower case, in order, each once."""
    return list(dict.fromkeys(_WORD.findall(text.lower())))


_VOWELS = frozenset("aeiouy")

# Acronyms in CMS's short descriptors (a descriptor token, lower case) and the words they stand for. The influenza
# vaccines' as CDC and CMS name them in the codes' long descriptors (CMS, "Flu Shot Coding", 2020-08-21: 90656
# "trivalent (IIV3)", 90661 "(ccIIV3), derived from cell cultures", 90673 "(RIV3), derived from recombinant DNA",
# 90672 "quadrivalent, live (LAIV4)"; CDC: IIV inactivated, ccIIV cell culture-based, aIIV adjuvanted, RIV
# recombinant, LAIV live attenuated influenza vaccine); H5N1, H5N8, H5 before a vaccine word: influenza A subtypes
# (90635, 90695, 90631 "H5 vaccine pandemic"; not "h20", water); the brands of Q2034-Q2038 (HCPCS: "Influenza virus
# vaccine, split virus ... (AFLURIA)"); "flu" before a vaccine word (90666 "Flu vac", 4274F "Flu immuno"; not the
# fluid of "Rem mntr pulm flu mntr setup"); "vax" (M1168 "Pt recd flu vax"); the pneumococcal vaccines' (MACs' lists
# of CMS's codes: 90670 "Pneumococcal conjugate vaccine, 13 valent (PCV13)", 90732 "Pneumococcal polysaccharide
# vaccine, 23 valent (PPSV23)"); SARS-CoV-2 (COVID-19: 90480 "Admn sarscov2 vac", 91318-91323 "Sarscov2 vac", 91319
# "Sarscv2 vac"), and the COVID-19 vaccines' makers before a vaccine word (CDT's D1701-D1714 "Pfizer-BioNTech
# Covid-19 vaccine administration", CMS's "Pfizer vacc admin 1st dose"); "Im"/"Immune"/"Immunization" before "admin"
# (90460 "Im admin 1st/only component", 90471 "Immunization admin", 90473 "Immune admin oral/nasal": CPT's
# "Immunization administration ... vaccine"; not 90482 "Imm cnsl not admn"). In CPT's allergy codes: "all" before
# "tstg" or "/immlg" (95017 "All tstg perq&iq": "Allergy testing"; 95199 "Unlisted all/immlg svc/px": allergy/
# immunology), "alrgnc"/"allergenic" (95004, 95024 "... w/allergenic xtrcs": allergy tests with allergenic extracts),
# "iq" (intracutaneous, intradermal: in RVU26C only 95017-95028's, each an allergy test), allergen immunotherapy
# (95115-95125 "Immunotherapy one injection"/"... injections", 95130-95134 "Immntx N sting insect(s)", 95144-95170
# "Antigen therapy services", 95180 "Rapid desensitization": CPT's "Allergen Immunotherapy"; not 0708T "Id ca immntx",
# cancer, nor S2107 "Adoptive immunotherapy"); "Cplx chrnc care" (99487/99489: "Complex chronic care management
# services", CMS's "Complex CCM" in the CY 2020 PFS final rule, table 21). In CPT's ob/gyn and imaging codes: "us"
# (ultrasound: 76801-76817 "Ob us ...", 76830 "Transvaginal us non-ob", 76856 "Us exam pelvic complete", 10005 "Fna
# bx w/us gdn", 55707 "Bx prst8 trct us guided": CPT's "Ultrasound, pelvic", "ultrasound guidance"; every "us" of
# RVU26C's and the ASC addenda's descriptors but S9989 "Services outside us", the United States: not after a word
# that takes the pronoun), "cervix w/scope", "Endocerv curettage w/scope", "vagina w/scope", "of vag w/scope"
# (57452-57461 "Exam of cervix w/scope", "Bx of cervix w/scope leep", 57456, 57420 "Exam of vagina w/scope", 57421:
# CPT's "Colposcopy of the cervix including upper/adjacent vagina", "Colposcopy of the entire vagina"; not 53500
# "Urethrlys transvag w/ scope", a urethroscopy), "Tlh" (58570-58573: CPT's "Laparoscopy, surgical, with total
# hysterectomy", total laparoscopic hysterectomy, TLH) and "Lsh" (58541-58544: "Laparoscopy, surgical, supracervical
# hysterectomy", LSH), "lap"/"laps" (laparoscopic: 43644 "Lap gastric bypass", 58548 "Lap radical hyst": CPT's
# "Laparoscopy, surgical, with radical hysterectomy", 58575 "Laps tot hyst resj mal"; not 83670 "Assay of lap enzyme",
# leucine aminopeptidase), "hyst" for hysterectomy (58262 "Vag hyst including t/o", 58552 "Laparo-vag hyst incl t/o",
# 01969 "Anes c hyst ...": CPT's "Vaginal hysterectomy", "with vaginal hysterectomy", "cesarean hysterectomy"; not
# 59852/59857 "... 1+njx hyst"/"... supp hyst", CPT's "with hysterotomy", nor G9823 "Endo smpl/hyst bx", hysteroscopy).
# In CPT's spine codes (their long descriptors): "Arthrd" before an approach (22532-22634, 22800-22812: "Arthrodesis,
# anterior interbody technique ... cervical", "posterior ... lumbar", the Spine (Vertebral Column) section's; not the
# wrist's, hip's or sacroiliac joint's "Arthrd wrist", "Arthrd si jt") is a spinal fusion; the add-ons that name no
# region cover their primaries' (22614 "Arthrd pst tq 1ntrspc ea add": "each additional vertebral segment" of 22600
# cervical, 22610 thoracic, 22612 lumbar; 22585 "... min dsc ea" of 22554/22556/22558; 22534 "... xtrcvtry tq ea ad":
# "thoracic or lumbar, each additional vertebral segment"); "cmbn 1ntrspc" (22633/22634: "combined posterior or
# posterolateral technique with posterior interbody technique ... lumbar") and "1ntrspc lm" (22632: "... single
# interspace, lumbar; each additional interspace") are lumbar; "Insj biomechanical device" (22853/22854/22859:
# "Insertion of interbody biomechanical device(s) (eg, synthetic cage, mesh)", "intervertebral biomechanical
# device(s)"); "spine/spinal/pelv fixation" and "instrmj" (22840-22848 "Posterior non-segmental instrumentation",
# "Anterior instrumentation", "Pelvic fixation (attachment of caudal end of instrumentation ...)", 22849 "Reinsertion
# of spinal fixation device", 22850/22852 "Removal of posterior ... instrumentation", 22855 "Removal of anterior
# instrumentation"); "Lamot"/"Laminotomy" (63020-63044: "Laminotomy (hemilaminectomy), with decompression of nerve
# root(s)"), "Lam" before "fac..." "w/cord", "dcmpr" (63045-63053 "Laminectomy, facetectomy and foraminotomy", 63197
# "Laminectomy with cordotomy", 61343 "Craniectomy, suboccipital ... with cervical laminectomy", 0274T "Percutaneous
# laminotomy/laminectomy"; not DMEPOS's L5783 "... limb vol lam"), "Remove (spine) lamina" (63001-63017:
# "Laminectomy with exploration and/or decompression of spinal cord"); "Sp bone a(l)grft" and "Bone marrow aspir bone
# grfg" (20930-20938 "Allograft/Autograft ... for spine surgery only", 20939 "Bone marrow aspiration for bone
# grafting, spine surgery only"); "Njx interlaminar" (62320-62327: "Injection(s), of diagnostic or therapeutic
# substance(s) (eg, anesthetic, antispasmodic, opioid, steroid, other solution) ... interlaminar epidural or
# subarachnoid"); "spine eltrd" (63661-63664: "Removal/Revision ... of spinal neurostimulator electrode percutaneous
# array(s)/plate/paddle(s)"), "spi npg", "sp npg", "sp/pn npgt" (63685 "Insertion or replacement of spinal
# neurostimulator pulse generator or receiver", 63688, 95971/95972 "... spinal cord or peripheral nerve ...
# neurostimulator pulse generator/transmitter programming"); "npg" elsewhere is a neurostimulator pulse generator
# (64590 "Ins/rpl prph sac/gstr npg/r"), not a spinal one. 63650/63655 ("Percutaneous implantation of neurostimulator
# electrode array, epidural", CMS's "Implant neuroelectrodes") are not read: the cortical, cranial, peripheral and
# sacral nerves' 61850, 64553, 64555, 64561 have the same descriptor. In CPT's ultrasound and cardiology codes "Echo"
# is echography (ultrasound: 76506 "Echo exam of head": CPT's "Echoencephalography"; 76942 "Echo guide for biopsy":
# "Ultrasonic guidance for needle placement"), and before "transthoracic", "transesophageal" or "exam of fetal heart",
# after "Doppler", "3d", "prfuj" or "hrt fail aug", echocardiography (93303-93355 "Echocardiography, transthoracic
# ..." / "transesophageal", 93320-93325 "Doppler echocardiography", 76825-76828 "Echocardiography, fetal,
# cardiovascular system", 93319, 0439T "Myocardial contrast perfusion echocardiography", 0932T); "Tte"
# (93306-93308 "Echocardiography, transthoracic ...", 93350/93351 "... transthoracic echocardiography ... during
# rest and cardiovascular stress test") too: a cardiologist's "echocardiogram" found nothing. In CPT's nursing facility
# and home visit codes "nf" is a nursing facility (99304 "1st nf care ...": "Initial nursing facility care, per day";
# 99307 "Sbsq nf care": "Subsequent nursing facility care"; 99315 "Nf dschrg mgmt": "Nursing facility discharge
# management"; 94004 "Vent mgmt nf per day": "... nursing facility, per day"; Q5003 "... non-skilled nf": "non-skilled
# nursing facility (NF)"; S3601 "Stat lab home/nf": "... residing in a nursing facility"; not 74415 "Urography nfs
# drip&/bls w/nf": "with nephrotomography"), "snf" a skilled nursing facility (Q5004 "Hospice in snf": "Hospice care
# provided in skilled nursing facility (SNF)"; G0471 "Ven blood coll snf/hha": "... in a skilled nursing facility
# (SNF) or by a laboratory on behalf of a home health agency (HHA)"), "hha" a home health agency (G0471; G0180 "Md
# certification hha patient": "Physician certification for Medicare-covered home health services"; G0179), "res"
# after "home/" a residence (99341-99350 "Home/res vst ...": "Home or residence visit for the evaluation and
# management"; not 01234 "... rad res", resection), "est" after "new/" or before "pt", "pat(ient)", a level of medical
# decision making, "may", "age" or "plan" an established patient (99347 "Home/res vst est sf mdm 20": "... of an
# established patient"; 99212 "Office o/p est sf 10 min", 99242 "Off/op consltj new/est sf 20": "new or established
# patient", 99395 "Prev visit est age 18-39", 97164 "Pt re-eval est plan care": "established plan of care"; not
# 0898T "... cancer est map", 92652 "Aep thrshld est", an estimate). In wound care "Hbot" is hyperbaric oxygen
# therapy (G0277 "Hbot, full body chamber, 30m": "Hyperbaric oxygen under pressure, full body chamber, per 30 minute
# interval") and "sub"/"sb" after "skin"/"skn" a skin substitute (15271-15278 "Skin sub graft ...", "Skn sub grft
# ...": "Application of skin substitute graft to trunk, arms, legs ..."; A4100 "Nosht skin sub fda clrd nos": "Skin
# substitute, FDA cleared as a device, not otherwise specified"; G0681-G0684 "App of non-sheet skin sub", "... skin sb
# g addl"; not 0707T "Njx b1 sub mtrl", a bone substitute material). In interventional radiology "cv" before "cath" is
# central venous (36555-36566 "Insert non-tunnel/tunneled cv cath": "Insertion of non-tunneled/tunneled centrally
# inserted central venous catheter"; 36575-36596, C9780 "Insert cv cath inf & sup app": "Insertion of central venous
# catheter through central venous occlusion"; not 93015 "Cv stress test" nor 0019M "Cv ds ...", cardiovascular), as is
# 36597 "Reposition venous catheter" ("Repositioning of previously placed central venous catheter"); "cv device" and
# "cvad" a central venous access device (36598 "Inj w/fluor eval cv device": "... evaluation of existing central
# venous access device"; 36580 "Replace cvad cath"); "picc" a peripherally inserted central venous catheter (36568
# "Insj picc <5 yr w/o imaging": "Insertion of peripherally inserted central venous catheter (PICC)"; 36584, 36592,
# S5520 "Hit picc insert kit") and "picvad" a peripherally inserted central venous access device (36570/36571
# "Insert picvad cath": "Insertion of peripherally inserted central venous access device, with subcutaneous port";
# 36585); "guide" after an imaging modality's "us", "echo", "ct", "mr" or radiation therapy's "rt" (and "us guided",
# "us-guid", "Guide nerv") is guidance (76937 "Us guide vascular access": "Ultrasound guidance for vascular access";
# 76942 "Echo guide for biopsy": "Ultrasonic guidance for needle placement"; 77013 "Ct guide for tissue ablation":
# "Computed tomography guidance for, and monitoring of, parenchymal tissue ablation"; 19287 "... mr guide": "...
# magnetic resonance guidance"; 49412 "Ins device for rt guide open": "... for radiation therapy guidance"; 95873
# "Guide nerv destr elec stim": "Electrical stimulation for guidance in conjunction with chemodenervation"; not 43248
# "Egd guide wire insertion", 0561T "Antmc guide 3d print", C9352 "Neuragen nerve guide", a guide).
ACRONYMS: dict[str, tuple[str, str]] = {  # a name: (the token's pattern, the words it stands for)
    "iiv": (r"(?:cc|a)?iiv[0-9]?", "inactivated influenza vaccine"),
    "laiv": (r"laiv[0-9]?", "live attenuated influenza vaccine"),
    "riv": (r"riv[0-9]?", "recombinant influenza vaccine"),
    "subtype": (r"h[0-9]{1,2}n[0-9]{1,2}|h[0-9]{1,2}(?=\s+vac)", "influenza"),
    "brand": (r"agriflu|afluria|flulaval|fluvirin|fluzone", "influenza"),
    "flu": (r"flu(?=\s+(?:vac|vax|imm))", "influenza"),
    "vax": (r"vax", "vaccine"),
    "pcv": (r"pcv[0-9]{0,2}", "pneumococcal conjugate vaccine"),
    "ppsv": (r"ppsv[0-9]{0,2}", "pneumococcal polysaccharide vaccine"),
    "sarscov": (r"sarsc(?:o)?v2?", "covid 19 coronavirus"),
    "covid_brand": (r"(?:pfizer|moderna)(?=\s+vac)", "covid 19 vaccine"),
    "immunization": (r"im(?:m|mune|munization)?(?=\s+admin)", "immunization vaccine"),
    "allergy": (r"all(?=\s+tstg|/immlg)", "allergy"),
    "allergenic": (r"alrgnc|allergenic", "allergen allergy"),
    "intracutaneous": (r"iq", "intracutaneous intradermal allergy"),
    "allergen_immunotherapy": (
        r"immunotherapy(?=\s+(?:one|inj|2))|immntx(?=\s+[0-9]\s+sting)|antigen(?=\s+therapy)|desensitization",
        "allergen immunotherapy",
    ),
    "complex_ccm": (r"cplx(?=\s+chrnc\s+care)", "complex chronic care management"),
    "ultrasound": (r"(?<!outside )(?<!for )(?<!to )(?<!of )(?<!by )(?<!from )us", "ultrasound"),
    "colposcopy": (
        r"(?<=cervix w/)scope|(?<=endocerv curettage w/)scope|(?<=vagina w/)scope|(?<= of vag w/)scope",
        "colposcopy",
    ),
    "tlh": (r"tlh", "total laparoscopic hysterectomy"),
    "lsh": (r"lsh", "laparoscopic supracervical hysterectomy"),
    "laparoscopic": (r"lap(?!\s+enzyme)|laps", "laparoscopic laparoscopy"),
    "hysterectomy": (r"(?<!njx )(?<!supp )(?<!/)hyst", "hysterectomy"),
    "spine_arthrodesis": (r"arthrd(?=\s+(?:ant|pst|lat|cmbn|pre-sac)\b)", "arthrodesis fusion spine spinal"),
    "arthrodesis_addon": (r"(?<=pst tq 1ntrspc )ea(?=\s+add)|(?<=min dsc )ea", "cervical thoracic lumbar"),
    "extracavitary_addon": (r"(?<=xtrcvtry tq )ea", "thoracic lumbar"),
    "combined_arthrodesis": (r"cmbn(?=\s+1ntrspc)", "combined lumbar"),
    "lumbar_interspace": (r"(?<=1ntrspc )lm", "lumbar"),
    "interbody_device": (r"(?<=insj )biomechanical", "interbody intervertebral spine cage"),
    "spine_instrumentation": (
        r"(?<=spine )fixation|(?<=spinal )fixation|(?<=pelv )fixation|instrmj",
        "spine spinal instrumentation",
    ),
    "laminotomy": (r"lamot|laminotomy", "laminotomy hemilaminectomy"),
    "laminectomy": (
        r"lam(?=\s+(?:fac|w/cord|dcmpr))|(?<=lamot/)lam|(?<=remove spine )lamina|(?<=remove )lamina",
        "laminectomy",
    ),
    "spine_bone_graft": (r"sp(?=\s+bone\s+a)|(?<=marrow aspir )bone(?=\s+grfg)", "spine spinal"),
    "interlaminar_epidural": (r"(?<=njx )interlaminar", "epidural steroid"),
    "spinal_neurostimulator": (
        r"(?<=spine )eltrd|spi?(?=\s+npg)|sp(?=/pn\s+npgt)",
        "spinal cord neurostimulator electrode",
    ),
    "npg": (r"npgt?", "neurostimulator pulse generator"),
    "cardiac_echo": (
        r"echo(?=\s+(?:transthoracic|transesophageal|exam\s+of\s+fetal\s+heart))|(?<=doppler )echo|(?<=3d )echo"
        r"|(?<=prfuj )echo|(?<=hrt fail aug )echo",
        "echocardiogram echocardiography ultrasound",
    ),
    "tte": (r"tte", "transthoracic echocardiogram echocardiography echo ultrasound"),
    "echo": (r"echo", "echography ultrasound"),
    "nursing_facility": (r"(?<!w/)nf", "nursing facility"),
    "snf": (r"snf", "skilled nursing facility"),
    "hha": (r"hha", "home health agency"),
    "residence": (r"(?<=home/)res", "residence"),
    "established": (
        r"(?<=new/)est|est(?=\.?\s+(?:pt|pat|patient|sf|low|mod|hi|high|may|age|plan)\b)",
        "established",
    ),
    "hbot": (r"hbot", "hyperbaric oxygen therapy"),
    "skin_substitute": (r"(?<=skin )sub|(?<=skn )sub|(?<=skin )sb", "substitute"),
    "central_venous": (r"cv(?=\s+cath)|(?<=reposition )venous(?=\s+catheter)", "central venous"),
    "cvad": (r"cv(?=\s+device)|cvad", "central venous access device"),
    "picc": (r"picc", "peripherally inserted central venous catheter"),
    "picvad": (r"picvad", "peripherally inserted central venous access device"),
    "guidance": (
        r"(?:(?<=us )|(?<=echo )|(?<=ct )|(?<=mr )|(?<=rt ))guide|(?<=us )guided|(?<=us-)guid|guide(?=\s+nerv)",
        "guidance",
    ),
    "office_visit": (r"(?<=office )o/p|off/op(?=\s+est)", "office outpatient visit"),
    "office_outpatient": (r"off/op", "office outpatient"),
    "speech_therapy": (r"(?<=tx )sp(?=\s+lang)", "speech therapy"),
    "joint_injection": (r"(?<=drain/)inj(?=\s+joint)|inj(?=\s+paravert\b)", "injection"),
    "rhc": (r"rhc", "rural health clinic"),
    "fqhc": (r"fqhc|(?<=rhc/)fq", "federally qualified health center"),
    "electrocardiogram": (r"electrocardiogram", "electrocardiogram ekg ecg"),
    # "pm" is a pacemaker in CPT's cardiac device codes (33208 "Insrt heart pm atrial & vent": CPT's "Insertion of
    # new or replacement of permanent pacemaker ..."; 93279 "Prgrmg dev eval pm/ldls pm", 93294 "Rem interrog evl
    # pm/ldls pm": "... pacemaker or implantable leadless pacemaker system"; 00530 "Anes perm transvns pm insj"), so a
    # Houston cardiology trial's "pacemaker" found neither the insertion nor the device checks; not in the preventive
    # medicine visits, where it is "preventive medicine" (99381 "Init pm e/m new pat infant", 99391 "Per pm reeval est
    # pat infant": CPT's "Initial/Periodic comprehensive preventive medicine evaluation and management").
    "pacemaker": (r"pm(?!\s+(?:e/m|reeval))", "pacemaker"),
    # Care services CMS names by an acronym (a user trial: "remote therapeutic monitoring", "principal illness
    # navigation", "navigation" and "behavioral health integration" found none): "Rtm" is remote therapeutic
    # monitoring (98975-98986, CPT's "Remote therapeutic monitoring (eg, ...)"); "Pin" before "service"/"srv" is
    # principal illness navigation (G0023/G0024 "Pin service 60m per month", HCPCS's "Principal Illness Navigation
    # services"; not "Pin finger fracture"); "Nav" before "srv" is navigation (G0140/G0146 "Nav srv peer sup ...":
    # "Principal illness navigation - peer support"); "beh" before "svs" is behavioral (G0323 "Care manage beh svs":
    # "Care management services for behavioral health conditions").
    "rtm": (r"rtm", "remote therapeutic monitoring"),
    "pin_service": (r"pin(?=\s+s(?:ervice|rv))", "principal illness navigation"),
    "navigation_service": (r"nav(?=\s+srv)", "navigation"),
    "behavioral_services": (r"beh(?=\s+svs)", "behavioral"),
    # Lay and coders' words a user trial typed that found nothing (reference: CPT's and HCPCS's long descriptors).
    # "Paravert" is CPT's "paravertebral facet (zygapophyseal) joint" (64490-64495 "Inj paravert f jnt c/t 1 lev":
    # "Injection(s), diagnostic or therapeutic agent, paravertebral facet (zygapophyseal) joint (or nerves
    # innervating that joint) with image guidance ...", 0213T-0218T "Njx paravert w/us ...": "... with ultrasound
    # guidance"), "inj" before it an injection. "Egd" is CPT's esophagogastroduodenoscopy, the upper GI endoscopy
    # (43235 "Egd diagnostic brush wash": "Esophagogastroduodenoscopy, flexible, transoral; diagnostic"; 43236 "Uppr gi
    # scope w/submuc inj": "...; with directed submucosal injection(s)"). "Php" is a partial hospitalization program
    # and "iop" after "php/" an intensive outpatient program (G0410 "Grp psych php/iop 45-50": HCPCS's "Group
    # psychotherapy other than of a multiple-family group, in a partial hospitalization or intensive outpatient
    # setting"; G0129 "Php/iop ot service", G0176/G0177 "Opps/php/iop; ..."; not 3284F "Iop red >=15% ...", M1224 "Iop
    # dec <20% from base": intraocular pressure). "Ko" is a knee orthosis (L1810-L1860 "Ko elastic with joints": HCPCS's
    # "Knee orthosis, elastic with joints, prefabricated ..."; DMEPOS). "Aq drg dev" is an aqueous drainage device
    # (0671T "Insj ant sgm aq drg dev 1+": "Insertion of anterior segment aqueous drainage device, without extraocular
    # reservoir, internal approach", a glaucoma stent; 0474T "Insj aqueous drg dev io rsvr"), and "insj" after a
    # cataract removal's "ctrc rmvl" its insertion (66989/66991 "Xcapsl ctrc rmvl insj 1+": "Extracapsular cataract
    # removal with insertion of intraocular lens prosthesis ...; with insertion of intraocular (eg, trabecular
    # meshwork, supraciliary, suprachoroidal) anterior segment aqueous drainage device, without extraocular reservoir,
    # internal approach, one or more"). "Cat" is an English word (``WORDS``) CMS writes for three others: before "scan"
    # a CAT scan, computed (axial) tomography (76380 "Cat scan follow-up study": "Computed tomography, limited or
    # localized follow-up study"), before "surg" a cataract (0014F "Comp preop assess cat surg": "Comprehensive
    # preoperative assessment performed for cataract surgery ..."), after "pt", "pn" or "assess" a category (3260F "Pt
    # cat/pn cat/hist grd docd": "pT category (primary tumor), pN category (regional lymph nodes) ..."; 7020F "Mammo
    # assess cat in dbase": "Mammogram assessment category ... entered into internal database"); the rule read every
    # "cat" as "cataract" (a surgeon's trial: `search cataract` listed 76380, A4349 "Disposable male external cat").
    "paravertebral_facet": (r"paravert", "paravertebral facet joint"),
    "egd": (r"egd", "esophagogastroduodenoscopy upper gi endoscopy"),
    "upper_gi_scope": (r"(?<=gi )scope", "esophagogastroduodenoscopy upper gi endoscopy"),  # 43236: an EGD as "Egd"
    "php": (r"php", "partial hospitalization program"),
    "iop_program": (r"(?<=php/)iop", "intensive outpatient program"),
    "knee_orthosis": (r"ko", "knee orthosis"),
    "aqueous_drainage": (r"aq(?=\s+drg\s+dev)", "aqueous"),
    "drainage_device": (r"drg(?=\s+dev)", "drainage"),
    "cataract_drainage_device": (r"(?<=ctrc rmvl )insj|(?<=ctrc rmvl cplx )insj", "insertion aqueous drainage device"),
    "cat_scan": (r"cat(?=\s+scan)", "computed axial tomography"),
    "cataract_surgery": (r"cat(?=\s+surg)", "cataract"),
    "category": (r"(?:(?<=pt )|(?<=pn )|(?<=assess ))cat", "category"),
}
# CMS's irregular abbreviations in short descriptors (the token, lower case: the words), read from the codes' long
# descriptors: "mgmt" (99490 "Chrnc care mgmt staff 1st 20": "Chronic care management services"; 99495 "Transj care mgmt
# mod f2f 14d": "Transitional care management services"; it leaves out two consonants, beyond the rule), "bx" (RVU26C's
# 55705-55715 "Bx prst8 ...": CPT 2026 "Biopsy, prostate"; 19081 "Bx breast 1st lesion strtctc": "Biopsy, breast"),
# "rpm" (99457 in RVU26C "Rpm tx mgmt 1st 20 min", RVU25A "Rem physiol mntr 1st 20 min": "Remote physiologic
# monitoring treatment management services"), "admn" (90480 "Admn sarscov2 vac": "Immunization administration"; too
# short for the rule), "tstg"/"tsts" (95017 "All tstg", 95027 "Iq tsts": allergy "testing", "tests"), "clps" (Q0497
# "Bat clps elec/comb vad, rep": HCPCS's "Battery clips for electric or electric/pneumatic ventricular assist device,
# replacement only"), "colscop" (M1377 "Fu colscop 10 yr doc w/ disc", a quality measure's 10-year follow-up interval
# after a colonoscopy); in CPT's spine codes "njx" (62321 "Njx interlaminar crv/thrc", 64483 "Njx aa&/strd tfrm epi l/s
# 1": "Injection(s), anesthetic agent(s) and/or steroid; transforaminal epidural"), "tfrm" (transforaminal), "nstim"
# (0784T "Ins/rplmt eltrd ra spi nstim": "... electrode array, spinal, with integrated neurostimulator"; 43881 "gstr
# nstim" gastric), "algrft"/"agrft" (20930 "Sp bone algrft morsel": "Allograft, morselized ... for spine surgery
# only", 20936 "Sp bone agrft local": "Autograft for spine surgery only"; 15100 "Splt agrft": "Split-thickness
# autograft"), "grfg" (15769 "Grfg autol soft tiss": "Grafting of autologous soft tissue"), "ntrbd"/"ntrbdy" (22551
# "Arthrd ant ntrbdy cervical": "Arthrodesis, anterior interbody technique"); in wound care "dbrdmt" (11042 "Dbrdmt
# subq tis 1st 20sqcm/<": "Debridement, subcutaneous tissue"; 97597 "Dbrdmt opn wnd 1st 20 cm/<": "Debridement (eg,
# high pressure waterjet ...), open wound"; it leaves out the "n", a consonant the rule leaves out in a long
# abbreviation only), in interventional radiology "embolize" (37241-37244 "Vasc embolize/occlude ...": "Vascular
# embolization or occlusion"). A token read here stands for its words only, not for others the rule would give it
# ("clps" and "colscop" are no colposcopy).
# In E/M, "o/p" (after "Office") and "Off/op" are CPT's "Office or other outpatient" (99202-99215 "Office o/p new sf 15
# min", 99211 "Off/op est may x req phy/qhp": "Office or other outpatient visit for the evaluation and management of
# a new/an established patient"; 99242-99245 "Off/op consltj new/est ...": "Office or other outpatient consultation",
# no visit), so "office visit" found only CDT's D9430/D9440. In speech-language pathology "sp" between "Tx" and
# "lang" is speech (92507/92508 "Tx sp lang voice comm indiv/group": CPT's "Treatment of speech, language, voice,
# communication, and/or auditory processing disorder", speech therapy). In CMS's rural health clinic and FQHC codes
# "rhc" is a rural health clinic and "fqhc" (or "fq" after "rhc/") a federally qualified health center (G2025 "Dis site
# tele svcs rhc/fqhc", G0490 "Home visit rn, lpn by rhc/fq": HCPCS's "... furnished by a rural health clinic (RHC) or
# federally qualified health center (FQHC)"; G0466-G0470 "Fqhc visit ..."). "inj" before "joint" is an injection
# (20600-20611 "Drain/inj joint/bursa ...": CPT's "Arthrocentesis, aspiration and/or injection"; elsewhere "inj" is too
# short for the rule, or "injection" would list every "Inj ..." drug). Irregular ones: "tx" is treatment (92507
# above; 21325 "Open tx nose fx uncomplicatd": "Open treatment of nasal fracture"), "implt"
# implant (92602 "Reprogram cochlear implt <7": "Diagnostic analysis of cochlear implant"; it leaves out the "n"),
# "evaluate" evaluation (92522 "Evaluate speech production": "Evaluation of speech sound production"). The other way
# round, "Electrocardiogram" reads as its ECG or EKG (93000 "Electrocardiogram complete": CPT's "Electrocardiogram,
# routine ECG with at least 12 leads; with interpretation and report", 93005 "... tracing", 93010 "... report"), as
# CMS's other descriptors name it (G0403 "Ekg for initial prevent exam", 93040 "Rhythm ecg with report"): "ekg" found
# only those.
ABBREVIATIONS: dict[str, str] = {  # a descriptor's token: the words it stands for
    "mgmt": "management",
    "bx": "biopsy",
    "rpm": "remote physiologic monitoring",
    "admn": "administration",
    "tstg": "testing",
    "tsts": "tests",
    "clps": "clips",
    "colscop": "colonoscopy",
    "njx": "injection",
    "tfrm": "transforaminal",
    "nstim": "neurostimulator",
    "algrft": "allograft",
    "agrft": "autograft",
    "grfg": "grafting",
    "ntrbd": "interbody",
    "ntrbdy": "interbody",
    "dbrdmt": "debridement",
    "embolize": "embolization",
    "tx": "treatment",
    "implt": "implant",
    "evaluate": "evaluation",
    # CMS's own short forms that the rule would read as "cataract" (a surgeon's trial: "cataract" listed ECMO's "ctr
    # cannula", "Balo angiop ctr dialysis seg" and every "Cta" above 66984 "Xcapsl ctrc rmvl"): "ctr" is central
    # (00532 "Anes access ctr venous crcj", 36907 central dialysis segment) and "cta" CT angiography (70471).
    "ctr": "central",
    "cta": "computed tomographic angiography",
    # "bhvl" (99484 "Care mgmt svc bhvl hlth cond": "Care management services for behavioral health conditions";
    # 92638 "Bhvl verif of amplification"): it leaves out the "r", a consonant the rule keeps in a short one.
    "bhvl": "behavioral",
    # "rhb" (94625/94626 "Phy/qhp op pulm rhb w/o mntr": CPT's "Physician or other qualified health care professional
    # services for outpatient pulmonary rehabilitation") and "hlx" (28292-28299 "Cor hlx vlgs ...": "Correction,
    # hallux valgus (bunionectomy) ..."): too short for the rule, and "hlx" leaves out the "l".
    "rhb": "rehabilitation",
    "hlx": "hallux",
    # Two user trials (a wound clinic's, a GI practice's anesthesia group's): "cmprn" is compression (29581 "Appl
    # multlayer cmprn sys leg", 29584 "Appl mltlay cmprn sys up arm": CPT's "Application of multi-layer compression
    # system; leg (below knee) ...", "...; upper arm, forearm, hand, and fingers"; 61450 "... cmprn/dcmprn"; it leaves
    # out "ss", two consonants, beyond the rule), "ndsc" endoscopy (00731 "Anes upr gi ndsc px nos", 00811 "Anes lwr
    # intst ndsc nos", 00813 "Anes upr lwr gi ndsc px": CPT's "Anesthesia for upper/lower intestinal endoscopic
    # procedures"; 31233-31298 "Nsl/sins ndsc ...", CPT's "Nasal/sinus endoscopy"; it drops the first letter), and
    # "multi-comp" (or "muti-comp", 54406) a multi-component penile prosthesis (54405 "Insert multi-comp penis pros":
    # CPT's "Insertion of multi-component, inflatable penile prosthesis"), whose "multi" and "comp" the rule read as
    # "multilayer compression" (``COMPOUNDS``: the parts stand for the compound's words only).
    "cmprn": "compression",
    "ndsc": "endoscopy endoscopic",
    "multi-comp": "multicomponent",
    "muti-comp": "multicomponent",
}
# ``ABBREVIATIONS``' tokens of two words: a descriptor holding one reads its parts as the compound's words only.
COMPOUNDS: dict[str, frozenset[str]] = {
    name: frozenset(re.findall(r"[a-z0-9]+", name)) for name in ABBREVIATIONS if not name.isalnum()
}
# Tokens of CMS's descriptors that are English words, never an abbreviation of a query's word: "all" (G0659 "Drug
# test def simple all cl", 00xxx "Anes all px ...") is not "allergy" nor "allergen" unless ``ACRONYMS`` say so; "ultra"
# (L5790 "Exoskeletal ak ultra-light m", 0426U "Genome ultra-rapid seq") is not "ultrasound" ("us" is, ``ACRONYMS``).
WORDS: frozenset[str] = frozenset({"all", "ultra", "cat"})
_ACRONYM = re.compile(  # the token's start tested once per place, not once per acronym: a search reads every descriptor
    r"(?<![a-z0-9])(?:"
    + "|".join(rf"(?P<{name}>{pattern})(?![a-z0-9])" for name, (pattern, _) in ACRONYMS.items())
    + ")"
)
_ABBREVIATION = re.compile(rf"\b(?:{'|'.join(ABBREVIATIONS)})\b")
# A token's end CMS writes for a suffix: "-j" for "-tion" or "-sion" (after at least two letters: "Transj", "Collj",
# "Insj"), "-8" for "-ate" ("prst8").
_SUFFIXED = re.compile(r"(?<![a-z0-9])(?:(?P<j>[a-z]{2,})j|(?P<ate>[a-z]+)8)(?![a-z0-9])")

# Names a service is known by that CMS's short descriptors do not use (a query's words: CMS's words for it, as the
# codes' descriptors have them). "remote patient monitoring": CMS's "remote physiologic monitoring" (99453-99458,
# 99445, 99470: "remote patient monitoring aka remote physiologic monitoring or 'RPM'", Foley on the CY2021 PFS final
# rule; CCHP "Remote Patient Monitoring", after CMS's MLN Telehealth Services fact sheet); "advance care
# planning": CPT's name of 99497/99498 ("Advance care planning including the explanation and discussion of advance
# directives"), which CMS shortens as "Advncd care plan"; "vasectomy": CPT's 55250 ("Vasectomy, unilateral or
# bilateral (separate procedure)"), CMS's "Removal of sperm duct(s)".
# "pulmonary function" (tests): CPT's 94010 spirometry, 94060 bronchodilation responsiveness (CMS: "Evaluation of
# wheezing"), 94726 plethysmography, 94727 gas dilution or washout ("lng vol"), 94728 oscillometry, 94729 diffusing
# capacity, the pulmonary function tests of Medicare's "Pulmonary Diagnostic Services" LCDs (L29265); "allergy test":
# CPT's allergy testing codes whose CMS descriptors name no allergy, 95044 "Patch/application tests", 95052 "Photo
# patch tests", 95056 "Photo tests", 95060/95065 "... mucous membrane test(s)"; "spinal cord stimulator": CPT's
# "spinal neurostimulator" (63661-63688, read so in ``ACRONYMS``; 0784T "electrode array, spinal, with integrated
# neurostimulator"). "knee replacement", "hip replacement": CPT's total knee and hip arthroplasty (27447 "Total knee
# arthroplasty", 27130/27132 "Total hip arthroplasty"; 27486/27487 "Revise/replace knee joint" and 27125 "Partial hip
# replacement" say replace): CMS's Comprehensive Care for Joint Replacement model names them "hip and knee
# replacements (also called lower extremity joint replacements or LEJR)", its episodes total hip and knee
# arthroplasties. Not "arthroplasty" alone: "Hip arthro w/fb removal" (29861, an arthroscopy) abbreviates it. "flu":
# influenza (CMS, "Flu Shot Coding": Q2039 "Influenza virus vaccine, nos"), which a short word no longer matches inside
# (``holds_word``).
_CORTISONE = (  # "cortisone injection": ``COMMON_NAMES`` below
    "joint bursa injection", "tendon injection", "methylpred acetate", "triamcinolone acet", "betamethasone acet",
)  # fmt: skip
COMMON_NAMES: dict[str, str | tuple[str, ...]] = {  # a name: CMS's words for it (one reading each)
    "remote patient monitoring": "remote physiologic monitoring",
    "advance care planning": "advanced care plan",
    "vasectomy": "removal of sperm duct",
    "pulmonary function": (
        "spirometry", "breathing capacity", "wheezing", "plethysmography lung", "lng vol", "airway resistance",
        "diffusing capacity",
    ),
    "allergy test": ("patch test", "photo test", "mucous membrane test"),
    "spinal cord stimulator": "spinal neurostimulator",
    "spinal cord stimulation": "spinal neurostimulator",
    "spine stimulator": "spinal neurostimulator",
    "flu": "influenza",
    "knee replacement": "total knee arthroplasty",
    "hip replacement": "total hip arthroplasty",
    # "behavioral health integration" (BHI): CMS's name of 99484 and G0323 (care management for behavioral health
    # conditions) and of the psychiatric collaborative care model (99492-99494; MLN909432 "Behavioral Health
    # Integration Services"); "flu shot": the influenza vaccines (CMS, "Flu Shot Coding"); "x ray": CMS's "xray"
    # (Q0092 "Set up port xray equipment"), and the other way round.
    "behavioral health integration": ("care management behavioral", "psychiatric collaborative care"),
    "flu shot": "influenza vaccine",
    "x ray": "xray",
    "xray": "x ray",
    # Lay names a user trial typed (CMS's words as its descriptors have them; ``ACRONYMS`` read the rest): a "bunion"
    # is CPT's hallux valgus (28292-28299 "Cor hlx vlgs ...": "Correction, hallux valgus (bunionectomy) ..."; AAPC,
    # "Get Primed on Bunion Surgery Challenges": "Correction, hallux valgus (bunion)"); "trigger finger": 26055
    # "Incise finger tendon sheath" ("Tendon sheath incision (eg, for trigger finger)"); a "glaucoma stent": CPT's
    # anterior segment aqueous drainage device (0449T, 0671T, 66989/66991; payers' "Aqueous Shunts and Stents for
    # Glaucoma" policies name these codes); a "knee brace": HCPCS's knee orthosis (PDAC's L1852: "An orthosis (brace)
    # is ..."; L1810-L1860 "Knee orthosis ..."; "brace" alone read so listed the orthodontists' "Ortho ..."); a
    # "cortisone injection" (or shot): a corticosteroid injected into a joint or bursa (20600-20611) or a tendon sheath
    # (20550/20551 "Njx 1 tendon ...") and the steroid billed beside it, as HCPCS names the injectable suspensions
    # (J1010 "Inj, methylpred acetate 1 mg", J3301 "Triamcinolone acet inj nos", J0702 "Betamethasone acet&sod phosp").
    "bunion": "hallux valgus",
    "bunionectomy": "hallux valgus",
    "trigger finger": "finger tendon sheath",
    "glaucoma stent": "aqueous drainage device",
    "knee brace": "knee orthosis",
    "cortisone injection": _CORTISONE,
    "cortisone shot": _CORTISONE,
    # A "loop recorder" (implantable or insertable, ILR) is CPT's subcutaneous cardiac rhythm monitor (33285 "Insj subq
    # car rhythm mntr", 33286 "Rmvl subq car rhythm mntr": CPT Assistant, April 2019, as AAPC's forum restates it, 33285
    # and 33286 "are also applicable for reporting implant and explant services associated with ... implantable/
    # insertable loop recorder (ILR) devices"), which a cardiology trial's "loop recorder" did not find.
    "loop recorder": "cardiac rhythm monitor",
    "implantable loop recorder": "cardiac rhythm monitor",
    "insertable loop recorder": "cardiac rhythm monitor",
}  # fmt: skip

# Codes whose short descriptor names a product by its brand alone, with the kind of product HCPCS codes it as (the
# code range's first and last code: the words the code reads as, besides its descriptor). HCPCS's Q4100-Q4440 are the
# skin substitutes (cellular and/or tissue-based products, CTPs), one code a brand (Q4100 "Skin substitute, not
# otherwise specified"; Q4101 was "Skin substitute, Apligraf, per sq cm" until CMS took "skin substitute" out of the
# brands' descriptors in 2010: HMP, "Alphabet Soup of Codes for CTPs [Skin Substitutes] for Skin Wounds"; Q4431-Q4433
# "Unlisted PMA/510(k)/361 HCT/P skin substitute product": CMS MCD article A56696), and A2001-A2045 the synthetic
# ones (HMP, "In 2023, Will CMS Assign HCPCS 'A' or 'Q' Codes to New CTPs?": "CTPs assigned HCPCS 'A2XXX' codes"),
# billed with the application codes 15271-15278 (A56696): RVU26C's Q4101 "Apligraf", Q4186 "Epifix 1 sq cm", A2001
# "Innovamatrix ac, per sq cm", so a wound clinic's "skin substitute" found no product. The ranges end at the last
# code RVU26C and the ASC addenda list (Q4440, A2045): a later code is read once its release shows what it is.
PRODUCT_CODES: tuple[tuple[str, str, str], ...] = (  # (first code, last code, the words)
    ("Q4100", "Q4440", "skin substitute"),
    ("A2001", "A2045", "skin substitute"),
)


# Codes whose short descriptor leaves out what CPT's long descriptor names (the words the code reads as, besides its
# descriptor): 20600-20611 are one descriptor ("Drain/inj joint/bursa w/o us", "... w/us") for CPT's "Arthrocentesis,
# aspiration and/or injection, small joint or bursa (eg, fingers, toes)" (20600/20604), "intermediate joint or bursa
# (eg, temporomandibular, acromioclavicular, wrist, elbow or ankle, olecranon bursa)" (20605/20606), "major joint or
# bursa (eg, shoulder, hip, knee, subacromial bursa)" (20610/20611), so "knee injection" found none; 92523 "Speech
# sound lang comprehen" is "Evaluation of speech sound production ...; with evaluation of language comprehension and
# expression"; 92601-92604 "Cochlear implt f/up exam <7", "Reprogram cochlear implt <7" are "Diagnostic analysis of
# cochlear implant ...; with programming" (92601, 92603) or "subsequent reprogramming" (92602, 92604).
_SMALL_JOINT = "arthrocentesis small joint finger toe"
_INTERMEDIATE_JOINT = "arthrocentesis intermediate joint wrist elbow ankle temporomandibular acromioclavicular"
_MAJOR_JOINT = "arthrocentesis major joint shoulder hip knee"
CODE_WORDS: dict[str, str] = {
    "20600": _SMALL_JOINT, "20604": _SMALL_JOINT,
    "20605": _INTERMEDIATE_JOINT, "20606": _INTERMEDIATE_JOINT,
    "20610": _MAJOR_JOINT, "20611": _MAJOR_JOINT,
    "92523": "evaluation",
    "92601": "diagnostic analysis programming", "92603": "diagnostic analysis programming",
    "92602": "diagnostic analysis reprogramming programming", "92604": "diagnostic analysis reprogramming programming",
    **{code: words for codes, words in (
        # 97597/97598 "Dbrdmt opn wnd ...": "Debridement (eg, high pressure waterjet with/without suction, sharp
        # selective debridement with scissors, scalpel and forceps), open wound, ..." (CPT's long descriptor, as the
        # MACs' wound care LCDs quote it; 97602 "Wound(s) care non-selective" is the non-selective one): a search for
        # the words listed only the Category III enzymatic ones (0973T "Slctv nzmtc dbrdmt ...").
        (("97597", "97598"), "selective debridement"),
        # HCPCS's "For diabetics only, multiple density insert, direct formed, ..." (A5512), "... custom molded from
        # model of patient's foot, ..." (A5513), "... made by direct carving with CAM technology ..." (A5514), "For
        # diabetics only, direct formed, compression molded to patient's foot without external heat source,
        # multiple-density insert(s) prefabricated, per shoe" (A5510): the inserts of Medicare's therapeutic shoes for
        # persons with diabetes (Medicare Benefit Policy Manual ch. 15 §140: "Inserts are total contact, multiple
        # density, removable inlays ..."), whose short descriptors ("Multi den insert direct form") do not say so.
        (("A5510", "A5512", "A5513", "A5514"), "diabetic shoe"),
        # CPT's 45384 "Colonoscopy, flexible; with removal of tumor(s), polyp(s), or other lesion(s) by hot biopsy
        # forceps", 45385 "... by snare technique" (CMS: "Colonoscopy w/lesion removal", both), and the through-stoma
        # 44392 "Colonoscopy through stoma; with removal of tumor(s), polyp(s), or other lesion(s) by hot biopsy
        # forceps" ("Colonoscopy & polypectomy"), 44394 "... by snare technique" ("Colonoscopy w/snare"): the
        # colonoscopic polypectomies.
        (("45384",), "polyp polypectomy tumor lesion removal hot forceps"),
        (("45385",), "polyp polypectomy tumor lesion removal snare"),
        (("44392",), "colonoscopy through stoma polyp tumor lesion removal hot forceps"),
        (("44394",), "colonoscopy through stoma polyp polypectomy tumor lesion removal"),
        # 44388-44408: CPT's "Colonoscopy through stoma; ..." (44388 "Colonoscopy thru stoma spx", the others
        # "Colonoscopy with biopsy", "Colonoscopy w/ndl aspir/bx", ...: their descriptors do not say so).
        (tuple(str(code) for code in (44388, 44389, 44390, 44391, 44401, 44402, 44403, 44404, 44405, 44406, 44407,
                                      44408)), "colonoscopy through stoma"),
        # CPT's anesthesia for GI endoscopy: 00811 "Anesthesia for lower intestinal endoscopic procedures, endoscope
        # introduced distal to duodenum; not otherwise specified" (a diagnostic colonoscopy's, and Medicare's code,
        # with PT, for a screening colonoscopy that became diagnostic: CY 2018 PFS final rule, MLN Matters MM10181, as
        # NGS Medicare's "Anesthesia Furnished in Conjunction with Colonoscopy" restates it), 00812 "...; screening
        # colonoscopy" ("Anes lwr intst scr colsc"), 00813 "Anesthesia for combined upper and lower gastrointestinal
        # endoscopic procedures, endoscope introduced both proximal to and distal to the duodenum" (an EGD and a
        # colonoscopy).
        (("00811",), "colonoscopy"),
        (("00812",), "endoscopy endoscopic screening colonoscopy"),
        (("00813",), "upper lower gastrointestinal colonoscopy esophagogastroduodenoscopy"),
    ) for code in codes},
}  # fmt: skip

# Codes listed after the others matched alike (``Store.search``, ``Pricer.search``: after the status I/M codes' key,
# before the words as written and the code order): the through-stoma colonoscopies 44388-44408 (CPT's "Colonoscopy
# through stoma; ...") after 45378-45398 ("Colonoscopy, flexible; ..."), which a "colonoscopy ..." search means first;
# their short descriptors read alike ("Colonoscopy with biopsy" 44389, "Colonoscopy and biopsy" 45380), and the code
# order listed the stoma's first (a trial). (first code, last code)
LISTED_AFTER: tuple[tuple[str, str], ...] = (("44388", "44408"),)


# And CPT's Category III codes (four digits and T: "temporary codes for emerging technology, services, procedures",
# most of them contractor priced, status C) after the Category I codes matched alike, which the code order listed
# first ('0' before '1'-'9'): a review's `rvucalc search pacemaker` showed 25 leadless pacemaker rows 0795T-0826T first
# and, at the default --limit 50, cut the device checks 93288, 93294 and 93296 the cardiology trial had searched for.
def listed_after(code: str | None) -> bool:
    """Whether ``LISTED_AFTER`` lists ``code`` after the codes matched alike, or it is a Category III code."""
    code = (code or "").upper()
    if len(code) != 5:
        return False
    return (code[:4].isdigit() and code[4] == "T") or any(first <= code <= last for first, last in LISTED_AFTER)


# Words a query joins others with, which CMS's descriptors leave out ("treatment of speech": 92507 "Tx sp lang ..."):
# not needed to match, unless the query is nothing else.
STOP_WORDS: frozenset[str] = frozenset({"a", "an", "and", "for", "in", "of", "on", "or", "the", "to", "with"})


# Care settings' acronyms a query means whole: "rhc" is a rural health clinic in "rhc/fqhc" (G2025), not the start of
# a gene's name, CLFS's 0198U/0222U "Rhd&rhce gntyp ..." (the RHCE gene: "Red blood cell antigen genotyping, Rh blood
# group D antigen ..."), which a search for the clinic listed; "snf", "hha" alike.
WHOLE_ACRONYMS: frozenset[str] = frozenset({"rhc", "snf", "hha"})


def holds_word(word: str, lowered: str) -> bool:
    """Whether ``lowered`` (a descriptor) holds ``word`` (or a phrase): one of three letters or fewer (an acronym,
    mostly) from a word's start, "rhc" in "rhc/fqhc", not in "Int hrhc lig" (46945, hemorrhoids), "ear" in "eardrum",
    not in "heart"; one of ``WHOLE_ACRONYMS`` as a whole word ("rhc" not in "rhce"); a longer one anywhere, as before
    ("graft" in "allograft", "certification" in "recertification")."""
    if len(word) > 3 or not word[:1].isalnum():
        return word in lowered
    whole = word in WHOLE_ACRONYMS
    at = lowered.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not lowered[at - 1].isalnum()) and not (whole and end < len(lowered) and lowered[end].isalnum()):
            return True
        at = lowered.find(word, at + 1)
    return False


def holds_phrase(phrase: str, lowered: str, code: str | None = None) -> bool:
    """Whether ``lowered`` (a descriptor) holds ``phrase`` (the search text, lower case) as written (``holds_word``)
    or as one of its acronyms or CMS's abbreviations reads (``ACRONYMS``, ``ABBREVIATIONS``): 43235 "Egd diagnostic
    brush wash" is an upper GI endoscopy as much as 3130F "Upper gi endoscopy performed" (a quality measure, status I)
    is, and a search lists the code a claim would carry first (``Store.search``; a trial's `search "upper gi
    endoscopy"` listed 3130F and 3132F first), or, given its code, as ``CODE_WORDS`` read it (97597 "Dbrdmt opn wnd
    ...": "selective debridement", before 0973T "Slctv nzmtc dbrdmt ...")."""
    if holds_word(phrase, lowered) or (code is not None and holds_word(phrase, CODE_WORDS.get(code.upper(), ""))):
        return True
    return any(holds_word(phrase, said) for said in _spelled(lowered)) if lowered else False


def product_words(code: str | None) -> str | None:
    """The words ``PRODUCT_CODES`` read a code as (None for a code they do not list)."""
    if code and len(code) == 5:
        code = code.upper()
        return next((words for first, last, words in PRODUCT_CODES if first <= code <= last), None)
    return None


def query_readings(text: str) -> list[list[str]]:
    """The query's words (``query_words``), then each reading with a ``COMMON_NAMES`` name said in CMS's words."""
    words = query_words(text)
    readings = [words]
    joined = f" {' '.join(words)} "
    for name, cms_words in COMMON_NAMES.items():
        if f" {name} " in joined:
            for said in (cms_words,) if isinstance(cms_words, str) else cms_words:
                readings.append(query_words(joined.replace(f" {name} ", f" {said} ")))
    return readings


def _abbreviates(short: str, word: str) -> bool:
    """Whether ``short`` is an abbreviation of ``word`` (the module's rule)."""
    if len(short) < max(3, len(word) // 3 + 1) or short[0] != word[0] or len(short) > len(word):
        return False
    at, consonants_left_out = 1, 0
    allowed = 1 if len(short) >= 7 else 0  # "mnisectmy"; in a short one a consonant left out is another word's
    for letter in short[1:]:
        while at < len(word) and word[at] != letter:
            consonants_left_out += word[at] not in _VOWELS
            at += 1
        if at == len(word) or consonants_left_out > allowed:
            return False
        at += 1
    return True


@lru_cache(maxsize=1 << 16)
def _spelled(lowered: str) -> frozenset[str]:
    """The words ``ACRONYMS`` and ``ABBREVIATIONS`` read in a descriptor (lower case), once per descriptor: a search
    reads each of the PFS's and the other schedules' descriptors, many alike (a code's 26 and TC rows, the ASC
    addenda's), and the readings make the one regex longer."""
    spelled = {ACRONYMS[match.lastgroup][1] for match in _ACRONYM.finditer(lowered) if match.lastgroup}
    spelled.update(ABBREVIATIONS[match.group()] for match in _ABBREVIATION.finditer(lowered))
    return frozenset(spelled)


class DescriptorTest(Protocol):
    def __call__(self, descriptor: str | None, code: str | None = None, /) -> bool: ...


def descriptor_matcher(text: str) -> DescriptorTest:
    """A test of a descriptor (and its code, if given: ``PRODUCT_CODES``) against every word of ``text``, each held as
    written or abbreviated (or of one of the query's ``query_readings``)."""
    readings = [[w for w in words if w not in STOP_WORDS] or words for words in query_readings(text) if words]
    # A product code reads as its kind only for a query naming the kind whole ("skin substitute"): "skin" alone or
    # "skin tag" listed every brand-name product (a review: Q4261 "Tag").
    kinds = {kind for _, _, kind in PRODUCT_CODES if any(set(kind.split()) <= set(words) for words in readings)}

    def matches(descriptor: str | None, code: str | None = None, /) -> bool:
        if not descriptor or not readings:
            return False
        lowered = own = descriptor.lower()
        tokens = _WORD.findall(lowered)
        spelled = set(_spelled(lowered))
        if (kind := product_words(code)) in kinds:  # Q4101 "Apligraf": a skin substitute
            spelled.add(kind)
        if code in CODE_WORDS:  # 20610 "Drain/inj joint/bursa w/o us": a knee's, a shoulder's, a hip's
            spelled.add(CODE_WORDS[code])
        if spelled:  # "Iiv3 vacc ...": "inactivated influenza vaccine" too; "mgmt": "management"
            lowered = " ".join([lowered, *sorted(spelled)])
            tokens = _WORD.findall(lowered)
        for match in _SUFFIXED.finditer(lowered) if "j" in lowered or "8" in lowered else ():
            stem = match.group("j")  # "transj": "transtion" and "transsion"; "prst8": "prstate"
            tokens += [stem + "tion", stem + "sion"] if stem else [match.group("ate") + "ate"]
        parts = {part for name, names in COMPOUNDS.items() if name in own for part in names}  # "multi-comp"
        tokens = [token for token in tokens if token not in WORDS and token not in ABBREVIATIONS and token not in parts]
        held: dict[str, bool] = {}  # a word the readings share ("test" of "allergy test"'s) is read once

        def holds(word: str) -> bool:
            if word not in held:
                # The words read in it anywhere ("flu" in "influenza" of "Iiv3 vacc ..."), CMS's own by
                # ``holds_word`` (not "rhc" in "Int hrhc lig ...").
                held[word] = (
                    (holds_word(word, own) if len(word) <= 3 else word in lowered)
                    or (lowered is not own and word in lowered[len(own) :])
                    or any(_abbreviates(token, word) for token in tokens)
                )
            return held[word]

        return any(all(holds(word) for word in words) for words in readings)

    return matches
