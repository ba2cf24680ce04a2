"""Imaging guidance billed beside a procedure whose descriptor includes it: a note, the amounts unchanged.

CPT's descriptors of these procedures include their imaging guidance, so fluoroscopic (77002, 77003), CT (77012) or
ultrasound (76942 ...) guidance is not reported apart with them, and Medicare's NCCI procedure-to-procedure edits deny
the guidance line billed with one by the same practitioner on the same date:
- epidural injections with imaging guidance, CPT 2017: 62321, 62323, 62325 and 62327 ("... with imaging guidance (ie,
  fluoroscopy or CT)"; 62320, 62322, 62324 and 62326 are their codes without it); First Coast's billing article
  A58993 (cms.gov coverage database, "Epidural Steroid Injections for Pain Management"): the codes "may be subject to
  National Correct Coding Initiative (NCCI) edits";
- transforaminal epidural injections 64479-64484 ("... with imaging guidance (fluoroscopy or CT)", CPT 2011;
  codingahead.com, "Fluoroscopy billing": guidance codes "cannot be stacked onto procedure codes that already embed
  imaging guidance", such stacking "generates NCCI PTP denials");
- paravertebral facet joint injections 64490-64495 ("... with image guidance (fluoroscopy or CT)", CPT 2010): First
  Coast's coding guide for 64490-64495 (LCD L29252's attachment, cms.gov): "Imaging guidance (fluoroscopy CT) and any
  injection of contrast are inclusive components of 64490-64495 and not paid separately";
- facet joint denervation 64633-64636 ("... with imaging guidance (fluoroscopy or CT)", CPT 2012);
- sacroiliac joint injection 27096 ("... with image guidance (fluoroscopy or CT) including arthrography when
  performed"): the MACs' billing articles A59154 and A59192 (cms.gov coverage database, "Sacroiliac Joint Injections
  and Procedures") require the imaging guidance with it;
- injection and radiofrequency ablation of the nerves innervating the sacroiliac joint, CPT 2020: 64451
  ("Injection(s), anesthetic agent(s) and/or steroid; nerves innervating the sacroiliac joint, with image guidance (ie,
  fluoroscopy or computed tomography)") and 64625 ("Radiofrequency ablation, nerves innervating the sacroiliac joint,
  with image guidance (ie, fluoroscopy or computed tomography)"; RVU26C "Njx aa&/strd nrv nrvtg si jt", "Rf abltj nrv
  nrvtg si jt"): "Imaging guidance is also included in the new codes for 2020 to describe genicular and sacroiliac
  injections and destruction" (AAPM, "Be Prepared for New and Revised CPT Codes for Somatic Nerve Injections and
  Destruction", painmed.org), and WPS's billing article A59257 ("Billing and Coding: Sacroiliac Joint Injections and
  Procedures", cms.gov coverage database) bills the nerve injections as 64451, which includes the imaging. An
  interventional pain practice's trial: 64451-LT + 77003 and 64625-RT + 77012 priced the guidance ($107.26, $127.94
  at ZIP 60614) with no note. The same CPT 2020 genicular codes, injection 64454 and destruction 64624 (RVU26C "Njx
  aa&/strd gnclr nrv brnch", "Dstrj nulyt agt gnclr nrv"), "including imaging guidance, when performed" (AAPM above;
  openpayer.com's CPT 64624: "Imaging guidance is included if performed and should not be reported separately"): any
  modality of needle guidance (76942, 77002, 77012, 77021). A session 69 review: `price 64624-RT 76942` priced
  76942's $66.22 at ZIP 60614 with no note;
- thoracic paravertebral blocks, CPT 2016: 64461 (single injection site), +64462 (second and any additional injection
  site(s)) and 64463 (continuous infusion by catheter), each "(includes imaging guidance, when performed)" (RVU26C
  "Pvb thoracic single inj site", "Pvb thoracic 2nd+ inj site", "Pvb thoracic cont infusion"; CPT's descriptors as
  Coding Ahead and wisequestion.com's "A Peek at New Paravertebral Nerve Block CPT Codes" print them): "the use of
  imaging guidance, both ultrasound CPT 76942 and Fluoroscopy 77002 and 77003 are included and not reported
  separately" (web2pro.info, "2016 Nervous System Coding", after CPT 2016 Changes: An Insider's View). Ultrasound,
  fluoroscopy (77002; 77003, a paraspinous injection's) and CT (77012), the fluoroscopy-or-CT guidance of the spine
  codes above: the descriptor includes any imaging guidance;
- transversus abdominis plane (TAP) blocks, CPT 2015: 64486-64489 ("Transversus abdominis plane (TAP) block
  (abdominal plane block, rectus sheath block) unilateral; by injection(s) (includes imaging guidance, when
  performed)", its infusion and bilateral codes alike; RVU26C "Tap block unil by injection" ... "Tap block bi by
  infusion"; Coding Ahead's 64487 and 64489, CPT's descriptors): "ultrasonic guidance (USG) is bundled into the
  payment for each code" (Trinity Spine & Ortho, "Nerve Blocks for Acute Pain Management"; iframe.ai's 64488:
  "Imaging guidance (such as ultrasound or fluoroscopy) ... not separately reported"). Any modality of needle guidance
  (76942, 77002, 77012, 77021), as the genicular codes'; not 77003 (a spine or paraspinous injection's, not an
  abdominal wall's). A session 69 review: `price 64486 76942 --zip 60614 --setting 11` priced 76942 with no note;
- vertebroplasty and vertebral augmentation 22510-22515 ("... inclusive of all imaging guidance", CPT 2015, as AAPC's
  "Solidify Your Vertebroplasty and Kyphoplasty Coding" prints them);
- endovenous ablation 36473-36476, 36478 and 36479 ("Endovenous ablation therapy of incompetent vein, extremity,
  inclusive of all imaging guidance and monitoring, percutaneous, mechanochemical / radiofrequency / laser": First
  Coast Service Options, "Vein ablation and related services", medicare.fcso.com): any imaging guidance, the
  ultrasound guidance 76937, 76942 and 76998 too, and the fluoroscopic 77001 and 77002 (a vascular trial's 76937
  beside 36475 was priced with no note). The same words are in the descriptors of the cyanoacrylate ablations 36482
  and 36483 ("... by transcatheter delivery of a chemical adhesive (eg, cyanoacrylate) remote from the access site,
  inclusive of all imaging guidance and monitoring, percutaneous", CPT 2018, as genhealth.ai prints them; RVU file
  "Endoven ther chem adhes 1st") and of the non-compounded foam sclerotherapy 36465 and 36466 ("Injection of
  non-compounded foam sclerosant with ultrasound compression maneuvers to guide dispersion of the injectate,
  inclusive of all imaging guidance and monitoring", CPT 2018: "Code 76942 for ultrasound guidance would not be
  separately reported", KarenZupko & Associates, "Defining Non-Compounded Sclerotherapy"). A vascular surgery
  trial's 36465-RT + 76942-26 at ZIP 77030 priced 76942's $29.83 with no note. The same codes as the ablations';
- vena cava filter insertion, repositioning and retrieval 37191, 37192 and 37193 ("... endovascular approach including
  vascular access, vessel selection, and radiological supervision and interpretation, intraprocedural roadmapping,
  and imaging guidance (ultrasound and fluoroscopy), when performed": CPT's descriptors as AAPC's Radiology Coding
  Alert, "Coding Tips: Follow These Tips to Target Specific Caval Filter Codes", and Coding Ahead print them; RVU file
  "Ins endovas vena cava filtr", "Rem endovas vena cava filter"): the ultrasound and fluoroscopic guidance codes of
  the ablations (76937, 76942, 76998, 77001, 77002). An interventional radiology trial's 37191 + 76937-26 at ZIP
  77030 priced 76937's $13.35 with no note. The cavography (75825, 75827) of their "radiological supervision and
  interpretation" is not listed here: no guidance code, and no source read here names it;
- arthrocentesis, aspiration or injection of a small, intermediate or major joint or bursa "with ultrasound guidance,
  with permanent recording and reporting", CPT 2015: 20604, 20606 and 20611, each beside its code "without
  ultrasound guidance" (20600, 20605, 20610); CPT's parenthetical says not to report them with 76942 (Radiology
  Coding Alert, "Mark These Changes To Refine Your Arthrocentesis Reporting", supercoder.com; The Rheumatologist,
  "Rheumatology Coding Corner": "CPT 76942 should not be billed separately"), and the NCCI Policy Manual for
  Medicare Services, ch. IX §H item 9, makes guidance by the modality that evaluates the same region not separately
  reportable. Ultrasound only (76942): CPT sends fluoroscopic, CT or MR guidance of a joint injection to 77002,
  77012 or 77021, reported with 20600-20611, so those are not noted. 76942 beside the codes "without ultrasound
  guidance" (20600, 20605, 20610) is noted too, with its own words (``WITHOUT_ULTRASOUND``): not an included
  guidance but a wrong pair, the ultrasound-guided injection being 20604, 20606 or 20611 (the CPT Editorial Panel's
  "do not report" cross-reference, CPT 2015, as Radiology Coding Alert reports it: "when you use the guidance,
  report the new codes (20604, 20606 or 20611)"; The Rheumatologist: "CPT 76942 should not be billed separately").
  A hand surgery group's trial: `price 20605-LT 76942` priced 76942's $62.16 beside the wrist injection with no
  word. Not listed for want of a source saying so:
  trigger point injections 20552/20553 (their descriptors have no imaging guidance), 76942 beside 64490-64495 (an
  ultrasound-guided facet injection is 0213T-0218T, not 64490-64495 plus 76942: a wrong code, not a bundled one).
- radiology's daily procedures whose descriptors include imaging guidance (a radiology group's trial: 49083 + 76942
  and 10009 + 77012-26 priced with no note). Abdominal paracentesis 49083 ("... with imaging guidance", RVU file
  "Abd paracentesis w/imaging") and peritoneal lavage 49084 ("including imaging guidance, when performed"), CPT 2021:
  "Do not report 49083 or 49084 in conjunction with 76942, 77002, 77012, 77021" (CPT's parenthetical as
  medicarepaymentandreimbursement.com prints it, "CPT code 49082, 49083, 49084"). Thoracentesis 32555 and pleural
  drainage with an indwelling catheter 32557 ("... with imaging guidance", "Aspirate pleura w/ imaging", "Insert
  cath pleura w/ image", CPT 2013): the guidance "is bundled into 32555 and cannot be billed separately ... a
  direct violation of NCCI ... edits" (Bonfire Revenue, "Mastering Thoracentesis Billing"; legalclarity.org: the
  2013 codes "bundled imaging guidance into the procedure code itself"): any modality (76942, 77002, 77012, 77021).
  Fine needle aspiration biopsy "including ultrasound / fluoroscopic / CT / MR guidance", CPT 2019 (10005/10006,
  10007/10008, 10009/10010, 10011/10012; RVU file "Fna bx w/us gdn 1st les" ...), which replaced 10022 plus a
  guidance code: "because the code's definition explicitly includes ultrasound guidance, providers cannot report a
  separate ultrasound guidance code (such as 76942)" (legalclarity.org, "CPT 10005"; medcoconsultants.com: the FNA
  codes "now include imaging guidance as part of the procedure"): each with its own modality's guidance code (76942,
  77002, 77012, 77021); 10021 and 10004 are FNA "without imaging guidance" (guidance beside them is a wrong code, not
  an included one) and are not listed. Percutaneous breast biopsy "including ultrasound guidance" 19083/19084 and
  "including magnetic resonance guidance" 19085/19086 (CPT 2014; "Bx breast 1st lesion us imag" ...), and placement
  of breast localization devices "including ultrasound guidance" 19285/19286 and "including magnetic resonance
  guidance" 19287/19288 ("Perq dev breast 1st us imag", "Perq dev breast 1st mr guide"): 76942 and 77021
  respectively (codingmastery.com, "Percutaneous Breast Biopsy": the 2014 codes, one per modality of guidance). The
  stereotactic and mammographic ones (19081/19082, 19281-19284) include guidance whose own codes (77031, 77032)
  CPT deleted in 2014, so no guidance code of theirs is left to bill beside them.
- interventional radiology's "complete procedure" drainage codes (an interventional radiology group's trial: 47490 +
  75989-26 and 49406 + 77012-26 priced with no note). Percutaneous cholecystostomy 47490, "Cholecystostomy,
  percutaneous, complete procedure, including imaging guidance, catheter placement, cholecystogram when performed,
  and radiological supervision and interpretation", CPT 2011, whose note says not to report it with 75989, 76942,
  77002, 77012 or 77021 (AAPC Radiology Coding Alert, "CPT 2011: 47490 Revision Shakes Up Your Cholecystostomy Coding
  This Year"). Image-guided fluid collection drainage by catheter, CPT 2014: 10030 (soft tissue), 49405 (visceral),
  49406 (peritoneal or retroperitoneal), 49407 (transrectal or transvaginal), one code for the drainage and its
  imaging supervision and interpretation (AAPC, "CPT 2014 Groups Drainage Codes with S&I"): "Do not report 49406 in
  conjunction with 75989, 76942, 77002, 77003, 77012, 77021" (CPT's parenthetical as iframe.ai's 49406 reference
  prints it); for 10030 "Do not add 75989 or any of the modality-specific guidance codes" (MedLearn, "Clearing Away
  the Confusion Surrounding Catheter-Assisted Drainage"). 75989 (radiological guidance for percutaneous drainage with
  catheter placement) is noted beside these alone: 10160 (aspiration, no imaging in its descriptor) is not listed.
  Dialysis circuit interventions 36901-36906 (CPT 2017): 36901-36903 "... with diagnostic angiography of the dialysis
  circuit, including all direct puncture(s) and catheter placement(s), injection(s) of contrast, all necessary imaging
  ..., fluoroscopic guidance, radiological supervision and interpretation and image documentation and report" (AAPC
  General Surgery Coding Alert, "Reader Question: See What Dialysis Circuit Includes"), 36904-36906 "... including all
  imaging and radiological supervision and interpretation, diagnostic angiography, fluoroscopic guidance, catheter
  placement(s) ..." (Coding Ahead's 36906, CPT's descriptor): fluoroscopic guidance (77001, 77002). Not ultrasound
  guidance for vascular access (76937), which their descriptors do not name; nor their add-ons 36907-36909, which
  include no diagnostic imaging (MedLearn, "10 Things You Need to Know About Dialysis Circuit Add-on Codes").
- prostate needle biopsy, CPT 2026 (a urology group's trial: 55707 + 76942 priced with no note). CPT 2026 deleted
  55700 (biopsy, any approach, its imaging billed apart, 76942 with it) and replaced it with codes by approach and
  guidance whose descriptors include the imaging guidance: 55707 and 55709 (transrectal, transperineal, ultrasound
  guided; RVU file "Bx prst8 trct us guided", "Bx prst8 tprnl us guided"), 55708, 55710, 55711 and 55712 (MRI-
  ultrasound fusion, the first lesion), 55713 and 55714 (in-bore CT or MRI guided); 55706 (transperineal stereotactic
  template guided saturation sampling) has included its imaging guidance since CPT 2011. "All new codes include
  imaging. A separate imaging code is not reported" (UASI, "New Prostate Biopsy CPT Codes Effective January 1, 2026";
  Healthcare Inspired, "2026 CPT Code Changes for Prostate Biopsy": "technique-specific biopsy codes with bundled
  imaging guidance"). Ultrasound guidance 76942 beside the ultrasound and fusion codes, CT or MR guidance (77012,
  77021) beside the in-bore ones. 55705 ("without imaging guidance") is not listed: guidance beside it is a wrong
  code, not an included one; nor is the diagnostic transrectal ultrasound 76872 (no guidance code), which the sources
  say is not reported either: check it.
- stereotactic body radiation therapy delivery 77373 ("Stereotactic body radiation therapy, treatment delivery, per
  fraction to 1 or more lesions, including image guidance, entire course not to exceed 5 fractions": CPT's descriptor
  as ASTRO's coding FAQ "SRS SBRT" and Coding Ahead's 77373 print it; RVU25D and RVU26C "Strtctc bdy rad ther tx
  dlvr", PC/TC 3). A radiation oncology trial (freestanding center, Columbus OH): `price 77435 77373 G6002 77427
  --date 2025-12-01 --setting 11` added G6002's $68.13 with no note. The radiation therapy guidance codes, each
  year's: through 2025 the PFS's G6001 (ultrasonic), G6002 (stereoscopic X-ray), G6017 (intrafraction tracking) and
  77014 (CT), the guidance codes the PFS paid in place of 77387 (ASTRO, "Image Guided Radiation Therapy (IGRT) Coding
  Guidance"); from 2026 77387 (its technical part bundled into delivery, RVU26C's 77387-TC status B). Not the SRS
  codes 77371 and 77372, whose descriptors name no image guidance, nor conventional delivery (G6003-G6016, 77402,
  77407, 77412), with which the guidance is billed.
- peripherally inserted central catheters with imaging, CPT 2019: 36572 and 36573 ("Insertion of peripherally inserted
  central venous catheter (PICC), without subcutaneous port or pump, including all imaging guidance, image
  documentation, and all associated radiological supervision and interpretation required to perform the insertion";
  RVU26C "Insj picc rs&i 5 yr+"): a PICC placed with ultrasound or fluoroscopic guidance, or both, is 36572/36573 (ACR,
  "PICC Procedure Q&A", March-April 2019), and its ultrasound guidance for vascular access 76937 and fluoroscopic
  guidance for central venous access 77001 are not reported apart (Coding Clarified, "Medical Coding PICC Line": "Do
  NOT separately report: 76937 ... 77001"). An infectious disease clinic's trial: 36573 + 77001 priced 77001's $100.26
  with no note. 36568 and 36569 ("without imaging guidance") are not listed: guidance beside them is a wrong code (the
  PICC is 36572/36573), not an included one.
- percutaneous arteriovenous fistula creation, CPT 2023: 36836 (single access of the artery and the vein) and 36837
  (separate accesses; RVU26C "Prq av fstl crtj uxtr 1 acs", "Prq av fstl crt uxtr sep acs"): "Both codes include all
  vascular access, angiography, imaging guidance, radiologic supervision and interpretation, and blood flow
  redirection or maturation techniques" (the Society for Vascular Surgery's coding committee, "Coding: New CPT codes
  for percutaneous arteriovenous fistula creation", Vascular Specialist; MedLearn's radiology question of February 20,
  2023: "Codes 36836, and 36837 include all vascular access, angiography, imaging guidance ... These procedures may
  not be reported separately"). A dialysis access center's trial: 36836 + 76937 priced 76937's $41.18 at ZIP 30303
  with no note. Every guidance code a fistula's access may use (ultrasound 76937, 76942, 76998; fluoroscopy 77001,
  77002), as the "all imaging guidance" of 36572/36573 and the vein ablations'.
- catheter ablation with a comprehensive electrophysiologic evaluation, CPT 2022's revised descriptors: 93653
  (supraventricular tachycardia) and 93654 (ventricular tachycardia) "... including intracardiac electrophysiologic
  3-dimensional mapping ..."; 93656 (atrial fibrillation by pulmonary vein isolation) "... including intracardiac
  electrophysiologic 3-dimensional mapping, intracardiac echocardiography including imaging supervision and
  interpretation ..." (AAPC's Cardiology Coding Alert, "You Be the Coder: Identify Type of Arrhythmia to Choose
  Correct Ablation Code", prints the descriptors; RVU26C "Compre ep eval tx svt", "... tx vt", "... abltj atr fib").
  So the 3D mapping add-on 93613 is not reported with 93653, 93654 or 93656, nor intracardiac echocardiography 93662
  with 93656 (93662 beside 93653 or 93654 is reported: their descriptors name no ICE). An electrophysiology group's
  trial: 93656 + 93613 + 93662-26 priced 93613's $257.06 and 93662-26's $69.61 at ZIP 30303 with no word. These two
  are not imaging guidance but components of the same kind: ``INCLUDED_WHAT`` names each in the note.
  NCCI Policy Manual for Medicare Services, ch. I (general correct coding: "A physician should not report multiple
  HCPCS/CPT codes if a single HCPCS/CPT code exists that describes the services", restated in ch. IX §A).
Diagnostic extremity angiography (75710 unilateral, 75716 bilateral) beside a lower extremity endovascular
revascularization 37220-37235 (CPT 2011 to 2025) gets a note of its own (``angiography_note``), not the guidance's: the
revascularization codes include "radiological supervision and interpretation directly related to the intervention(s)
performed" and the imaging documenting its completion (CPT's guidelines as Katharine L. Krol restates them, "Coding for
Lower Extremity Revascularization in 2011", Endovascular Today: "Each code is inclusive of all services performed to
treat a single vessel"), while a diagnostic angiogram of the same session is reported apart only when no prior
catheter-based study is available and the decision to intervene rests on it, or a prior study is inadequate or the
patient's condition has changed (CPT's vascular guidelines as RadRx's Stacie L. Buck, "Diagnostic Angiography with
Therapeutic Interventions", summarizes them). The NCCI Policy Manual for Medicare Services, ch. IX §D: "If a
diagnostic angiogram (fluoroscopic or computed tomographic) was performed prior to the date of the percutaneous
intravascular interventional procedure, a second diagnostic angiogram cannot be reported on the date of the
percutaneous intravascular interventional procedure unless it is medically reasonable and necessary to repeat the
study", and the separately reported study carries modifier 59 or XU (AAPC Cardiology Coding Alert, "Think Beyond
Prior Catheter-Based Angiography and Consider CTA", quoting the manual). So the line without such a modifier is
noted: reported with 59 or XU if the criteria are met, else included. A vascular surgery trial's office claim of
37225-RT + 75710-26-RT at ZIP 77030 (November 2025) priced 75710-26's $82.03 with no word. Not CPT 2026's
revascularization codes 37254-37299, whose guidelines on diagnostic angiography were not read here. CPT's rule is for
any diagnostic angiography of the session ("Diagnostic angiography or venography performed during the same session as
a therapeutic intervention", Buck above), so abdominal aortography 75625 and aortography with bilateral iliofemoral
runoff 75630 are noted alike (Krol, "Case Examples for Lower Extremity Coding", Endovascular Today, June 2011, case 1:
an iliac stent 37221 beside "75625-59" and "75716-59"): a session 69 review's `rvucalc price 37221 75625-26` priced
75625-26's $68.16 at ZIP 77030 with no word. The criteria are CPT's three (Buck above): no prior catheter-based study,
a full diagnostic study, and the decision to intervene based on it; or a prior study with a changed condition, an
inadequate visualization, or "a clinical change during the procedure that requires new evaluation outside the target
area of intervention" (the review: the note left this one out, so an other leg's 75710 evaluated for such a change
was told to leave it off the claim).
A guidance line carrying a distinct-service modifier (59, XE, XP, XS, XU: ``DISTINCT_MODIFIERS``) is not noted: the
practitioner reports it as a service apart from the procedure, which CPT's modifier 59 allows where "Documentation must
support a different session, different procedure or surgery, different site or organ system" (CMS's MLN1783722,
"Proper Use of Modifiers 59, XE, XP, XS & XU", which says NCCI edits of modifier indicator 1 are reported together
"only in limited circumstances by using NCCI PTP-associated modifiers"): 77002-XS guiding a 64450-RT (other peripheral
nerve: its guidance is reported with it) beside a 64451-LT. rvucalc has no NCCI edits to tell an indicator 0 from a 1:
the line is priced as given without the note, as the bone marrow, ophthalmic imaging and dialysis circuit notes are. A
session 69 review: `rvucalc price 64451-LT 64450-RT 77002-XS` told the user to leave 77002 off the claim.
CMS's descriptors in the RVU file are short ("Njx aa&/strd tfrm epi l/s 1"): the lists above are the sources', not
read from it. rvucalc does not ship NCCI's edits (README): the line is noted where its encounter (the codes priced
together; batch: a practitioner's lines of a claim and date) has such a procedure, and priced as given, as the add-on
notes are (engine.add_ons): the MAC denies it. Batch: ``batch.guidance.guidance_notes`` on whole columns.
"""

from __future__ import annotations

from collections.abc import Sequence

# The guidance codes noted, and what each is (CPT's descriptors, shortened).
GUIDANCE = {
    "77002": "fluoroscopic guidance for needle placement",
    "77003": "fluoroscopic guidance for a spine or paraspinous injection",
    "77012": "CT guidance for needle placement",
    "76937": "ultrasound guidance for vascular access",
    "76942": "ultrasound guidance for needle placement",
    "76998": "intraoperative ultrasound guidance",
    "77001": "fluoroscopic guidance for central venous access",
    "77021": "MR guidance for needle placement",
    "75989": "radiological guidance for percutaneous drainage with catheter placement",
    "G6001": "ultrasonic guidance for placement of radiation therapy fields",
    "G6002": "stereoscopic X-ray guidance for localization of the radiation therapy target",
    "G6017": "intra-fraction localization and tracking during radiation therapy",
    "77014": "CT guidance for placement of radiation therapy fields",
    "77387": "guidance for localization of the target for radiation treatment delivery",
    "93613": "intracardiac electrophysiologic 3-dimensional mapping",
    "93662": "intracardiac echocardiography",
    "75710": "diagnostic angiography of one extremity",
    "75716": "diagnostic angiography of both extremities",
    "75625": "abdominal aortography",
    "75630": "abdominal aortography with bilateral iliofemoral runoff",
}
# What a procedure's descriptor includes, for the codes that are not imaging guidance (the ablations' components).
INCLUDED_WHAT = {"93613": "3-dimensional mapping", "93662": "intracardiac echocardiography"}
_FLUOROSCOPY_OR_CT = frozenset({"77002", "77003", "77012"})
_ANY_GUIDANCE = frozenset({"76937", "76942", "76998", "77001", "77002"})
_ULTRASOUND = frozenset({"76942"})
_FLUOROSCOPY = frozenset({"77002"})
_CT = frozenset({"77012"})
_MR = frozenset({"77021"})
_NEEDLE_GUIDANCE = frozenset({"76942", "77002", "77012", "77021"})  # any modality of needle placement
_PARAVERTEBRAL = frozenset({"76942", "77002", "77003", "77012"})  # 64461-64463's ultrasound, fluoroscopy or CT
_CHOLECYSTOSTOMY = frozenset({"75989", "76942", "77002", "77012", "77021"})  # 47490's CPT 2011 note
_DRAINAGE = frozenset({"75989", "76942", "77002", "77003", "77012", "77021"})  # 10030, 49405-49407 (CPT 2014)
_FLUOROSCOPIC_GUIDANCE = frozenset({"77001", "77002"})  # the dialysis circuit codes' "fluoroscopic guidance"
_IN_BORE = frozenset({"77012", "77021"})  # the prostate biopsies "in-bore CT or MRI" guided (CPT 2026)
_RADIATION_GUIDANCE = frozenset({"G6001", "G6002", "G6017", "77014", "77387"})  # SBRT delivery 77373's image guidance
_PICC_GUIDANCE = frozenset({"76937", "77001"})  # a PICC's "all imaging guidance" (36572, 36573; CPT 2019)
_MAPPING = frozenset({"93613"})  # 93653, 93654: "including intracardiac electrophysiologic 3-dimensional mapping"
_MAPPING_AND_ICE = frozenset({"93613", "93662"})  # 93656: the mapping and "intracardiac echocardiography" (CPT 2022)
# Each procedure whose descriptor includes imaging guidance, and the guidance codes that includes.
INCLUDED_GUIDANCE: dict[str, frozenset[str]] = {
    **dict.fromkeys((
        "62321", "62323", "62325", "62327",
        "64479", "64480", "64483", "64484",
        "64490", "64491", "64492", "64493", "64494", "64495",
        "64633", "64634", "64635", "64636",
        "27096", "64451", "64625",
        "22510", "22511", "22512", "22513", "22514", "22515",
    ), _FLUOROSCOPY_OR_CT),
    **dict.fromkeys(("36473", "36474", "36475", "36476", "36478", "36479"), _ANY_GUIDANCE),
    **dict.fromkeys(("36482", "36483", "36465", "36466"), _ANY_GUIDANCE),  # "inclusive of all imaging guidance"
    **dict.fromkeys(("37191", "37192", "37193"), _ANY_GUIDANCE),  # vena cava filter: "(ultrasound and fluoroscopy)"
    **dict.fromkeys(("20604", "20606", "20611"), _ULTRASOUND),
    **dict.fromkeys(("49083", "49084", "32555", "32557"), _NEEDLE_GUIDANCE),
    **dict.fromkeys(("64454", "64624"), _NEEDLE_GUIDANCE),  # genicular nerve injection, destruction (CPT 2020)
    **dict.fromkeys(("64461", "64462", "64463"), _PARAVERTEBRAL),  # thoracic paravertebral block (CPT 2016)
    **dict.fromkeys(("64486", "64487", "64488", "64489"), _NEEDLE_GUIDANCE),  # TAP block (CPT 2015)
    **dict.fromkeys(("10005", "10006", "19083", "19084", "19285", "19286"), _ULTRASOUND),
    **dict.fromkeys(("10007", "10008"), _FLUOROSCOPY),
    **dict.fromkeys(("10009", "10010"), _CT),
    **dict.fromkeys(("10011", "10012", "19085", "19086", "19287", "19288"), _MR),
    "47490": _CHOLECYSTOSTOMY,
    **dict.fromkeys(("10030", "49405", "49406", "49407"), _DRAINAGE),
    **dict.fromkeys(("36901", "36902", "36903", "36904", "36905", "36906"), _FLUOROSCOPIC_GUIDANCE),
    **dict.fromkeys(("55706", "55707", "55708", "55709", "55710", "55711", "55712"), _ULTRASOUND),
    **dict.fromkeys(("55713", "55714"), _IN_BORE),
    "77373": _RADIATION_GUIDANCE,
    **dict.fromkeys(("36572", "36573"), _PICC_GUIDANCE),
    **dict.fromkeys(("36836", "36837"), _ANY_GUIDANCE),  # percutaneous AV fistula creation (CPT 2023)
    **dict.fromkeys(("93653", "93654"), _MAPPING),  # catheter ablation of SVT, VT (CPT 2022)
    "93656": _MAPPING_AND_ICE,  # catheter ablation of atrial fibrillation (CPT 2022)
}  # fmt: skip
INCLUDES_GUIDANCE = frozenset(INCLUDED_GUIDANCE)
# The joint injections "without ultrasound guidance" (CPT 2015) and their codes "with ultrasound guidance, with
# permanent recording and reporting", which include 76942: 76942 beside the former is the latter's pair, mis-coded.
WITHOUT_ULTRASOUND = {"20600": "20604", "20605": "20606", "20610": "20611"}
# A guidance line with one of these is a separate service the practitioner says it is (the docstring): not noted.
DISTINCT_MODIFIERS = frozenset({"59", "XE", "XP", "XS", "XU"})
# Diagnostic extremity angiography and aortography, and the lower extremity revascularizations it is reported beside
# only on CPT's criteria, with 59 or XU (the docstring: NCCI Policy Manual ch. IX §D; Krol's case 1 for 75625).
DIAGNOSTIC_ANGIOGRAPHY = frozenset({"75710", "75716", "75625", "75630"})
REVASCULARIZATION = frozenset(str(code) for code in range(37220, 37236))
# Every procedure a guidance line may be noted beside (batch reads the encounters holding one).
NOTED_PROCEDURES = INCLUDES_GUIDANCE | frozenset(WITHOUT_ULTRASOUND) | REVASCULARIZATION


def includes(procedure: str, code: str) -> bool:
    """Whether ``procedure``'s descriptor includes the guidance ``code``."""
    return code in INCLUDED_GUIDANCE.get(procedure, ())


def guidance_note(code: str, including: Sequence[str]) -> str:
    """The note on a guidance line (``GUIDANCE``) whose encounter has the procedures ``including`` (codes of
    ``INCLUDES_GUIDANCE``, in the encounter's order, each once)."""
    named = ", ".join(including)
    its, it = ("its descriptor includes", "it") if len(including) == 1 else ("their descriptors include", "them")
    return (
        f"{code} ({GUIDANCE[code]}) is included in {named} on this claim and date: {its} "
        f"{INCLUDED_WHAT.get(code, 'the imaging guidance')} (CPT), "
        f"and Medicare's NCCI procedure-to-procedure edits deny {code} billed with {it} by the same practitioner on "
        f"the same date. Priced as given (rvucalc does not apply NCCI edits): leave {code} off the claim."
    )


def without_ultrasound_note(code: str, procedures: Sequence[str]) -> str:
    """The note on ultrasound guidance ``code`` (76942) beside the joint injections ``procedures`` "without ultrasound
    guidance" (``WITHOUT_ULTRASOUND``), in the encounter's order. No "; " in it (batch joins notes with it)."""
    named = " and ".join(procedures)
    instead = " and ".join(WITHOUT_ULTRASOUND[procedure] for procedure in procedures)
    verbs = (
        ("is the injection", "code is", "includes")
        if len(procedures) == 1
        else ("are the injections", "codes are", "include")
    )
    return (
        f"{code} ({GUIDANCE[code]}) billed with {named} on this claim and date: {named} {verbs[0]} without "
        f"ultrasound guidance. With it the {verbs[1]} {instead}, which {verbs[2]} the guidance (CPT 2015): "
        f"{code} is not reported with a joint injection. Priced as given (rvucalc does not apply NCCI edits): bill "
        f"{instead} in place of {named} and {code}."
    )


def angiography_note(code: str, procedures: Sequence[str]) -> str:
    """The note on diagnostic angiography ``code`` (``DIAGNOSTIC_ANGIOGRAPHY``) with no distinct-service modifier beside
    the revascularizations ``procedures`` (``REVASCULARIZATION``), in the encounter's order. No "; " in it."""
    named = ", ".join(procedures)
    its = "its intervention's" if len(procedures) == 1 else "their interventions'"
    return (
        f"{code} ({GUIDANCE[code]}) billed with {named} on this claim and date without 59 or XU: {its} angiography "
        f"and completion imaging are included (CPT), and a diagnostic angiogram of the same session is reported only "
        f"when no prior catheter-based study is available and the decision to intervene rests on it, or a prior study "
        f"is inadequate, the patient's condition has changed, or a change during the procedure needs evaluation "
        f"outside the treated area (CPT), with 59 or XU (NCCI Policy Manual ch. IX §D). "
        f"Priced as given (rvucalc does not apply NCCI edits): add 59 or XU where those criteria are met, else leave "
        f"{code} off the claim."
    )


def guidance_line_note(code: str, procedures: Sequence[str], modifiers: Sequence[str] = ()) -> str | None:
    """The note on a guidance line ``code`` (its ``modifiers``) whose encounter has ``procedures`` (codes of
    ``NOTED_PROCEDURES``, in the encounter's order, each once): ``guidance_note`` beside a procedure that includes its
    guidance, else ``without_ultrasound_note`` for 76942 beside a joint injection without ultrasound guidance, else
    None; ``angiography_note`` on diagnostic angiography beside a revascularization; None on a line with a
    ``DISTINCT_MODIFIERS`` modifier."""
    if DISTINCT_MODIFIERS.intersection(modifiers):
        return None
    if code in DIAGNOSTIC_ANGIOGRAPHY:
        revascularized = [procedure for procedure in procedures if procedure in REVASCULARIZATION]
        return angiography_note(code, revascularized) if revascularized else None
    including = [procedure for procedure in procedures if includes(procedure, code)]
    if including:
        return guidance_note(code, including)
    without = [procedure for procedure in procedures if procedure in WITHOUT_ULTRASOUND]
    return without_ultrasound_note(code, without) if without and code in _ULTRASOUND else None


def encounter_notes(codes: Sequence[str], modifiers: Sequence[Sequence[str]] | None = None) -> list[str | None]:
    """Per line of an encounter (its codes, and each line's modifiers): ``guidance_line_note`` on each guidance line,
    else None."""
    procedures = list(dict.fromkeys(code for code in codes if code in NOTED_PROCEDURES))
    each = modifiers if modifiers is not None else [()] * len(codes)
    return [guidance_line_note(code, procedures, its) if code in GUIDANCE else None
            for code, its in zip(codes, each, strict=True)]  # fmt: skip
