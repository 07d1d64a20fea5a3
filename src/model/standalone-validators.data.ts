/**
 * Generated from the record schemas by test/model/standalone-validators.test.ts (a file
 * snapshot: `npx vitest run test/model/standalone-validators.test.ts -u` rewrites it). See
 * standalone-validators.ts.
 *
 * @module
 */
import type { RecordKind } from './enums.js';
import type { StandaloneSource } from './fast-validate.js';

/** The standalone validator of each record kind, as data. */
export const STANDALONE_SOURCES: Partial<Record<RecordKind, StandaloneSource>> = {
  enterprise: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "sector": case "region": case "stage": case "srdi": case "foundedYear": case "employees": case "annualRevenue": case "rdIntensity": case "debtRatio": case "collateral": case "chains": case "zones": case "policyLists": case "existingLoans": case "need": case "text": case "attributes": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m59;\nif (typeof x3 !== \'string\') return REJECT;\nm59 = x3;\nif (!(m59.length >= 1)) return BAIL;\nif (!(m59.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m59)))) return BAIL;\nif (!(sure1(m59) === true)) return BAIL;\nif (sure2(m59) === true) f2 = m59; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m60;\nif (typeof x6 !== \'string\') return REJECT;\nm60 = x6;\nif (!(m60.length >= 1)) return BAIL;\nif (!(m60.length <= 500)) return BAIL;\nif (!(refine3(m60) === true)) return BAIL;\nif (!(sure4(m60) === true)) return BAIL;\nif (sure5(m60) === true) f5 = m60; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["sector"]; let f8;\nlet m61;\nif (typeof x9 !== \'string\') return REJECT;\nm61 = x9;\nif (!(m61.length <= 16)) return BAIL;\nif (sure6(m61) === true) f8 = m61; else return BAIL;\nif (!("sector" in input)) return REJECT;\nconst x12 = input["region"]; let f11;\nif (typeof x12 !== \'string\') return REJECT;\nf11 = x12;\nif (!(refine7(f11) === true)) return BAIL;\nif (!("region" in input)) return REJECT;\nconst x15 = input["stage"]; let f14;\nf14 = values8.get(x15);\nif (f14 === undefined) return REJECT;\nif (!("stage" in input)) return REJECT;\nconst x18 = input["srdi"]; let f17;\nif (x18 === undefined) f17 = def9.defaultValue; else {\nf17 = object10(x18);\nif (f17 === REJECT || f17 === BAIL) return f17;\nif (!(sure11(f17) === true)) return BAIL;\nif (f17 === undefined) f17 = def9.defaultValue;\n}\nconst h19 = "srdi" in input;\nconst x21 = input["foundedYear"]; let f20;\nif (typeof x21 !== \'number\' || !Number.isFinite(x21)) return REJECT;\nf20 = x21;\nif (!(Number.isSafeInteger(f20))) return BAIL;\nif (!(f20 >= (1800))) return BAIL;\nif (!(f20 <= (2100))) return BAIL;\nif (!("foundedYear" in input)) return REJECT;\nconst x24 = input["employees"]; let f23;\nif (typeof x24 !== \'number\' || !Number.isFinite(x24)) return REJECT;\nf23 = x24;\nif (!(Number.isSafeInteger(f23))) return BAIL;\nif (!(f23 >= (0))) return BAIL;\nif (!(f23 <= (10000000))) return BAIL;\nif (!("employees" in input)) return REJECT;\nconst x27 = input["annualRevenue"]; let f26;\nif (typeof x27 !== \'number\' || !Number.isFinite(x27)) return REJECT;\nf26 = x27;\nif (!(f26 >= (0))) return BAIL;\nif (!(f26 <= (1000000000000))) return BAIL;\nif (!("annualRevenue" in input)) return REJECT;\nconst x30 = input["rdIntensity"]; let f29;\nif (x30 === undefined) f29 = def12.defaultValue; else {\nif (typeof x30 !== \'number\' || !Number.isFinite(x30)) return REJECT;\nf29 = x30;\nif (!(f29 >= (0))) return BAIL;\nif (!(f29 <= (1))) return BAIL;\nif (f29 === undefined) f29 = def12.defaultValue;\n}\nconst h31 = "rdIntensity" in input;\nconst x33 = input["debtRatio"]; let f32;\nif (x33 === undefined) f32 = def13.defaultValue; else {\nif (typeof x33 !== \'number\' || !Number.isFinite(x33)) return REJECT;\nf32 = x33;\nif (!(f32 >= (0))) return BAIL;\nif (!(f32 <= (5))) return BAIL;\nif (f32 === undefined) f32 = def13.defaultValue;\n}\nconst h34 = "debtRatio" in input;\nconst x36 = input["collateral"]; let f35;\nif (x36 === undefined) f35 = def14.defaultValue; else {\nif (!Array.isArray(x36)) return REJECT;\nconst n62 = x36.length;\nlet a63 = Object.getPrototypeOf(x36) === Array.prototype ? null : new Array(n62);\nfor (;;) {\nlet i64 = 0;\nfor (; i64 < n62; i64++) {\nconst x65 = x36[i64]; let e66;\ne66 = values15.get(x65);\nif (e66 === undefined) return REJECT;\nif (a63 !== null) a63[i64] = e66; else if (e66 !== x65) break;\n}\nif (i64 === n62) break;\na63 = new Array(n62);\n}\nf35 = a63 === null ? x36 : a63;\nif (!(f35.length <= 2000)) return BAIL;\nif (f35 === undefined) f35 = def14.defaultValue;\n}\nconst h37 = "collateral" in input;\nconst x39 = input["chains"]; let f38;\nif (x39 === undefined) f38 = def16.defaultValue; else {\nif (!Array.isArray(x39)) return REJECT;\nconst n67 = x39.length;\nlet a68 = Object.getPrototypeOf(x39) === Array.prototype ? null : new Array(n67);\nfor (;;) {\nlet i69 = 0;\nfor (; i69 < n67; i69++) {\nconst x70 = x39[i69]; let e71;\ne71 = object17(x70);\nif (e71 === REJECT || e71 === BAIL) return e71;\nif (a68 !== null) a68[i69] = e71; else if (e71 !== x70) break;\n}\nif (i69 === n67) break;\na68 = new Array(n67);\n}\nf38 = a68 === null ? x39 : a68;\nif (!(f38.length <= 2000)) return BAIL;\nif (f38 === undefined) f38 = def16.defaultValue;\n}\nconst h40 = "chains" in input;\nconst x42 = input["zones"]; let f41;\nif (x42 === undefined) f41 = def18.defaultValue; else {\nif (!Array.isArray(x42)) return REJECT;\nconst n72 = x42.length;\nlet a73 = Object.getPrototypeOf(x42) === Array.prototype ? null : new Array(n72);\nfor (;;) {\nlet i74 = 0;\nfor (; i74 < n72; i74++) {\nconst x75 = x42[i74]; let e76;\nlet m77;\nif (typeof x75 !== \'string\') return REJECT;\nm77 = x75;\nif (!(m77.length >= 1)) return BAIL;\nif (!(m77.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m77)))) return BAIL;\nif (!(sure1(m77) === true)) return BAIL;\nif (sure2(m77) === true) e76 = m77; else return BAIL;\nif (a73 !== null) a73[i74] = e76; else if (e76 !== x75) break;\n}\nif (i74 === n72) break;\na73 = new Array(n72);\n}\nf41 = a73 === null ? x42 : a73;\nif (!(f41.length <= 2000)) return BAIL;\nif (f41 === undefined) f41 = def18.defaultValue;\n}\nconst h43 = "zones" in input;\nconst x45 = input["policyLists"]; let f44;\nif (x45 === undefined) f44 = def19.defaultValue; else {\nif (!Array.isArray(x45)) return REJECT;\nconst n78 = x45.length;\nlet a79 = Object.getPrototypeOf(x45) === Array.prototype ? null : new Array(n78);\nfor (;;) {\nlet i80 = 0;\nfor (; i80 < n78; i80++) {\nconst x81 = x45[i80]; let e82;\ne82 = values20.get(x81);\nif (e82 === undefined) return REJECT;\nif (a79 !== null) a79[i80] = e82; else if (e82 !== x81) break;\n}\nif (i80 === n78) break;\na79 = new Array(n78);\n}\nf44 = a79 === null ? x45 : a79;\nif (!(f44.length <= 2000)) return BAIL;\nif (f44 === undefined) f44 = def19.defaultValue;\n}\nconst h46 = "policyLists" in input;\nconst x48 = input["existingLoans"]; let f47;\nif (x48 === undefined) f47 = def21.defaultValue; else {\nif (!Array.isArray(x48)) return REJECT;\nconst n83 = x48.length;\nlet a84 = Object.getPrototypeOf(x48) === Array.prototype ? null : new Array(n83);\nfor (;;) {\nlet i85 = 0;\nfor (; i85 < n83; i85++) {\nconst x86 = x48[i85]; let e87;\ne87 = object22(x86);\nif (e87 === REJECT || e87 === BAIL) return e87;\nif (a84 !== null) a84[i85] = e87; else if (e87 !== x86) break;\n}\nif (i85 === n83) break;\na84 = new Array(n83);\n}\nf47 = a84 === null ? x48 : a84;\nif (!(f47.length <= 2000)) return BAIL;\nif (f47 === undefined) f47 = def21.defaultValue;\n}\nconst h49 = "existingLoans" in input;\nconst x51 = input["need"]; let f50;\nf50 = object23(x51);\nif (f50 === REJECT || f50 === BAIL) return f50;\nif (!("need" in input)) return REJECT;\nconst x54 = input["text"]; let f53;\nif (x54 === undefined) f53 = def24.defaultValue; else {\nlet m88;\nif (typeof x54 !== \'string\') return REJECT;\nm88 = x54;\nif (!(m88.length <= 20000)) return BAIL;\nif (!(sure25(m88) === true)) return BAIL;\nif (sure26(m88) === true) f53 = m88; else return BAIL;\nif (f53 === undefined) f53 = def24.defaultValue;\n}\nconst h55 = "text" in input;\nconst x57 = input["attributes"]; let f56;\nif (x57 === undefined) f56 = undefined; else {\nf56 = record27(x57);\nif (f56 === REJECT || f56 === BAIL) return f56;\nif (!(sure28(f56) === true)) return BAIL;\n}\nconst h58 = "attributes" in input;\nlet o89;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && f17 === x18 && h19 && f20 === x21 && f23 === x24 && f26 === x27 && f29 === x30 && h31 && f32 === x33 && h34 && f35 === x36 && h37 && f38 === x39 && h40 && f41 === x42 && h43 && f44 === x45 && h46 && f47 === x48 && h49 && f50 === x51 && f53 === x54 && h55 && f56 === x57 && c1 === 9 + (h19 ? 1 : 0) + (h31 ? 1 : 0) + (h34 ? 1 : 0) + (h37 ? 1 : 0) + (h40 ? 1 : 0) + (h43 ? 1 : 0) + (h46 ? 1 : 0) + (h49 ? 1 : 0) + (h55 ? 1 : 0) + (h58 ? 1 : 0)) o89 = input; else {\no89 = { "id": f2, "name": f5, "sector": f8, "region": f11, "stage": f14, "srdi": f17, "foundedYear": f20, "employees": f23, "annualRevenue": f26, "rdIntensity": f29, "debtRatio": f32, "collateral": f35, "chains": f38, "zones": f41, "policyLists": f44, "existingLoans": f47, "need": f50, "text": f53 };\nif (h58) o89["attributes"] = f56;\n}\nout = o89;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      sure6: { kind: 'predicate', name: 'canonicalSector', args: [] },
      refine7: { kind: 'predicate', name: 'regionCode', args: [] },
      values8: {
        kind: 'map',
        values: ['seed', 'startup', 'growth', 'expansion', 'mature', 'preIPO'],
      },
      def9: { kind: 'default', value: { tier: 'none' } },
      object10: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "tier": case "certifiedOn": case "ruleSet": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["tier"]; let f2;\nf2 = values0.get(x3);\nif (f2 === undefined) return REJECT;\nif (!("tier" in input)) return REJECT;\nconst x6 = input["certifiedOn"]; let f5;\nif (x6 === undefined) f5 = undefined; else {\nif (typeof x6 !== \'string\') return REJECT;\nf5 = x6;\nif (!(f5.length <= 10)) return BAIL;\nif (!(sure1(f5) === true)) return BAIL;\n}\nconst h7 = "certifiedOn" in input;\nconst x9 = input["ruleSet"]; let f8;\nif (x9 === undefined) f8 = undefined; else {\nf8 = values2.get(x9);\nif (f8 === undefined) return REJECT;\n}\nconst h10 = "ruleSet" in input;\nlet o11;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && c1 === 1 + (h7 ? 1 : 0) + (h10 ? 1 : 0)) o11 = input; else {\no11 = { "tier": f2 };\nif (h7) o11["certifiedOn"] = f5;\nif (h10) o11["ruleSet"] = f8;\n}\nout = o11;\nreturn out;',
          refs: {
            values0: {
              kind: 'map',
              values: ['none', 'techSme', 'srdi', 'littleGiant', 'champion'],
            },
            sure1: { kind: 'predicate', name: 'noIssue', args: ['date'] },
            values2: { kind: 'map', values: ['2022', '2026'] },
          },
        },
      },
      sure11: { kind: 'predicate', name: 'noIssue', args: ['srdiRuleSet'] },
      def12: { kind: 'default', value: 0 },
      def13: { kind: 'default', value: 0 },
      def14: { kind: 'default', value: [] },
      values15: {
        kind: 'map',
        values: [
          'credit',
          'realEstate',
          'equipment',
          'ipPledge',
          'receivables',
          'inventory',
          'equityPledge',
          'guarantee',
        ],
      },
      def16: { kind: 'default', value: [] },
      object17: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "chainId": case "role": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["chainId"]; let f2;\nlet m8;\nif (typeof x3 !== \'string\') return REJECT;\nm8 = x3;\nif (!(m8.length >= 1)) return BAIL;\nif (!(m8.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m8)))) return BAIL;\nif (!(sure1(m8) === true)) return BAIL;\nif (sure2(m8) === true) f2 = m8; else return BAIL;\nif (!("chainId" in input)) return REJECT;\nconst x6 = input["role"]; let f5;\nif (x6 === undefined) f5 = def3.defaultValue; else {\nf5 = values4.get(x6);\nif (f5 === undefined) return REJECT;\nif (f5 === undefined) f5 = def3.defaultValue;\n}\nconst h7 = "role" in input;\nlet o9;\nif (s0 && f2 === x3 && f5 === x6 && h7 && c1 === 1 + (h7 ? 1 : 0)) o9 = input; else {\no9 = { "chainId": f2, "role": f5 };\n}\nout = o9;\nreturn out;',
          refs: {
            pattern0: {
              kind: 'regex',
              source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
              flags: '',
            },
            sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
            sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
            def3: { kind: 'default', value: 'member' },
            values4: { kind: 'map', values: ['leader', 'supplier', 'member'] },
          },
        },
      },
      def18: { kind: 'default', value: [] },
      def19: { kind: 'default', value: [] },
      values20: {
        kind: 'map',
        values: [
          'techReloanCandidates',
          'equipmentRenewalProjects',
          'digitalTransformationPilot',
          'highTechEnterprise',
          'keyChainEnterprise',
          'greenFactory',
        ],
      },
      def21: { kind: 'default', value: [] },
      object22: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "lenderId": case "amount": case "maturity": case "renewalWithoutRepayment": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nif (x3 === undefined) f2 = undefined; else {\nlet m17;\nif (typeof x3 !== \'string\') return REJECT;\nm17 = x3;\nif (!(m17.length >= 1)) return BAIL;\nif (!(m17.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m17)))) return BAIL;\nif (!(sure1(m17) === true)) return BAIL;\nif (sure2(m17) === true) f2 = m17; else return BAIL;\n}\nconst h4 = "id" in input;\nconst x6 = input["lenderId"]; let f5;\nif (x6 === undefined) f5 = undefined; else {\nlet m18;\nif (typeof x6 !== \'string\') return REJECT;\nm18 = x6;\nif (!(m18.length >= 1)) return BAIL;\nif (!(m18.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m18)))) return BAIL;\nif (!(sure1(m18) === true)) return BAIL;\nif (sure2(m18) === true) f5 = m18; else return BAIL;\n}\nconst h7 = "lenderId" in input;\nconst x9 = input["amount"]; let f8;\nif (typeof x9 !== \'number\' || !Number.isFinite(x9)) return REJECT;\nf8 = x9;\nif (!(f8 > (0))) return BAIL;\nif (!(f8 <= (1000000000000))) return BAIL;\nif (!("amount" in input)) return REJECT;\nconst x12 = input["maturity"]; let f11;\nif (typeof x12 !== \'string\') return REJECT;\nf11 = x12;\nif (!(f11.length <= 10)) return BAIL;\nif (!(sure3(f11) === true)) return BAIL;\nif (!("maturity" in input)) return REJECT;\nconst x15 = input["renewalWithoutRepayment"]; let f14;\nif (x15 === undefined) f14 = def4.defaultValue; else {\nif (typeof x15 !== \'boolean\') return REJECT;\nf14 = x15;\nif (f14 === undefined) f14 = def4.defaultValue;\n}\nconst h16 = "renewalWithoutRepayment" in input;\nlet o19;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && h16 && c1 === 2 + (h4 ? 1 : 0) + (h7 ? 1 : 0) + (h16 ? 1 : 0)) o19 = input; else {\no19 = {  };\nif (h4) o19["id"] = f2;\nif (h7) o19["lenderId"] = f5;\no19["amount"] = f8;\no19["maturity"] = f11;\no19["renewalWithoutRepayment"] = f14;\n}\nout = o19;\nreturn out;',
          refs: {
            pattern0: {
              kind: 'regex',
              source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
              flags: '',
            },
            sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
            sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
            sure3: { kind: 'predicate', name: 'noIssue', args: ['date'] },
            def4: { kind: 'default', value: false },
          },
        },
      },
      object23: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "amount": case "termMonths": case "instruments": case "purpose": case "maxRatePercent": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["amount"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(f2 > (0))) return BAIL;\nif (!(f2 <= (1000000000000))) return BAIL;\nif (!("amount" in input)) return REJECT;\nconst x6 = input["termMonths"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(Number.isSafeInteger(f5))) return BAIL;\nif (!(f5 >= (1))) return BAIL;\nif (!(f5 <= (600))) return BAIL;\nif (!("termMonths" in input)) return REJECT;\nconst x9 = input["instruments"]; let f8;\nif (!Array.isArray(x9)) return REJECT;\nconst n17 = x9.length;\nlet a18 = Object.getPrototypeOf(x9) === Array.prototype ? null : new Array(n17);\nfor (;;) {\nlet i19 = 0;\nfor (; i19 < n17; i19++) {\nconst x20 = x9[i19]; let e21;\ne21 = values0.get(x20);\nif (e21 === undefined) return REJECT;\nif (a18 !== null) a18[i19] = e21; else if (e21 !== x20) break;\n}\nif (i19 === n17) break;\na18 = new Array(n17);\n}\nf8 = a18 === null ? x9 : a18;\nif (!(f8.length >= 1)) return BAIL;\nif (!(f8.length <= 2000)) return BAIL;\nif (!("instruments" in input)) return REJECT;\nconst x12 = input["purpose"]; let f11;\nf11 = values1.get(x12);\nif (f11 === undefined) return REJECT;\nif (!("purpose" in input)) return REJECT;\nconst x15 = input["maxRatePercent"]; let f14;\nif (x15 === undefined) f14 = undefined; else {\nif (typeof x15 !== \'number\' || !Number.isFinite(x15)) return REJECT;\nf14 = x15;\nif (!(f14 >= (0))) return BAIL;\nif (!(f14 <= (100))) return BAIL;\n}\nconst h16 = "maxRatePercent" in input;\nlet o22;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && c1 === 4 + (h16 ? 1 : 0)) o22 = input; else {\no22 = { "amount": f2, "termMonths": f5, "instruments": f8, "purpose": f11 };\nif (h16) o22["maxRatePercent"] = f14;\n}\nout = o22;\nreturn out;',
          refs: {
            values0: {
              kind: 'map',
              values: ['loan', 'equity', 'bond', 'insurance', 'guarantee', 'leasing', 'listing'],
            },
            values1: {
              kind: 'map',
              values: [
                'workingCapital',
                'equipment',
                'rnd',
                'digitalTransformation',
                'techConversion',
                'expansion',
                'mna',
                'listing',
                'refinancing',
                'green',
              ],
            },
          },
        },
      },
      def24: { kind: 'default', value: '' },
      sure25: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure26: { kind: 'predicate', name: 'plainText', args: ['text'] },
      record27: {
        kind: 'record',
        key: {
          body: "let out;\nif (typeof input !== 'string') return REJECT;\nout = input;\nif (!((pattern0.lastIndex = 0, pattern0.test(out)))) return BAIL;\nreturn out;",
          refs: {
            pattern0: { kind: 'regex', source: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$', flags: '' },
          },
        },
        value: {
          body: 'let out;\nout = REJECT;\nif (out === REJECT) out = option0(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) out = option1(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) out = option2(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) return REJECT;\nreturn out;',
          refs: {
            option0: {
              kind: 'validator',
              source: {
                body: "let out;\nlet m0;\nif (typeof input !== 'string') return REJECT;\nm0 = input;\nif (!(m0.length >= 1)) return BAIL;\nif (!(m0.length <= 200)) return BAIL;\nif (!(sure0(m0) === true)) return BAIL;\nif (sure1(m0) === true) out = m0; else return BAIL;\nreturn out;",
                refs: {
                  sure0: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
                  sure1: { kind: 'predicate', name: 'plainText', args: ['name'] },
                },
              },
            },
            option1: {
              kind: 'validator',
              source: {
                body: "let out;\nif (typeof input !== 'number' || !Number.isFinite(input)) return REJECT;\nout = input;\nreturn out;",
                refs: {},
              },
            },
            option2: {
              kind: 'validator',
              source: {
                body: "let out;\nif (typeof input !== 'boolean') return REJECT;\nout = input;\nreturn out;",
                refs: {},
              },
            },
          },
        },
        forbidden: ['__proto__', 'constructor', 'prototype'],
      },
      sure28: { kind: 'predicate', name: 'noIssue', args: ['attributeCount'] },
    },
  },
  institution: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "kind": case "region": case "text": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m17;\nif (typeof x3 !== \'string\') return REJECT;\nm17 = x3;\nif (!(m17.length >= 1)) return BAIL;\nif (!(m17.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m17)))) return BAIL;\nif (!(sure1(m17) === true)) return BAIL;\nif (sure2(m17) === true) f2 = m17; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m18;\nif (typeof x6 !== \'string\') return REJECT;\nm18 = x6;\nif (!(m18.length >= 1)) return BAIL;\nif (!(m18.length <= 500)) return BAIL;\nif (!(refine3(m18) === true)) return BAIL;\nif (!(sure4(m18) === true)) return BAIL;\nif (sure5(m18) === true) f5 = m18; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["kind"]; let f8;\nf8 = values6.get(x9);\nif (f8 === undefined) return REJECT;\nif (!("kind" in input)) return REJECT;\nconst x12 = input["region"]; let f11;\nif (x12 === undefined) f11 = undefined; else {\nif (typeof x12 !== \'string\') return REJECT;\nf11 = x12;\nif (!(refine7(f11) === true)) return BAIL;\n}\nconst h13 = "region" in input;\nconst x15 = input["text"]; let f14;\nif (x15 === undefined) f14 = def8.defaultValue; else {\nlet m19;\nif (typeof x15 !== \'string\') return REJECT;\nm19 = x15;\nif (!(m19.length <= 20000)) return BAIL;\nif (!(sure9(m19) === true)) return BAIL;\nif (sure10(m19) === true) f14 = m19; else return BAIL;\nif (f14 === undefined) f14 = def8.defaultValue;\n}\nconst h16 = "text" in input;\nlet o20;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && h16 && c1 === 3 + (h13 ? 1 : 0) + (h16 ? 1 : 0)) o20 = input; else {\no20 = { "id": f2, "name": f5, "kind": f8 };\nif (h13) o20["region"] = f11;\no20["text"] = f14;\n}\nout = o20;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      values6: {
        kind: 'map',
        values: [
          'bank',
          'insurer',
          'fund',
          'securities',
          'leasing',
          'guarantee',
          'regionalEquityMarket',
        ],
      },
      refine7: { kind: 'predicate', name: 'regionCode', args: [] },
      def8: { kind: 'default', value: '' },
      sure9: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure10: { kind: 'predicate', name: 'plainText', args: ['text'] },
    },
  },
  product: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "institutionId": case "name": case "type": case "instrument": case "targetSectors": case "excludedSectors": case "stages": case "minSrdiTier": case "amount": case "termMonths": case "regions": case "collateral": case "minYearsOperating": case "minAnnualRevenue": case "policyTags": case "requiredPolicyLists": case "ratePercent": case "combinesWith": case "chains": case "zones": case "text": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m68;\nif (typeof x3 !== \'string\') return REJECT;\nm68 = x3;\nif (!(m68.length >= 1)) return BAIL;\nif (!(m68.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m68)))) return BAIL;\nif (!(sure1(m68) === true)) return BAIL;\nif (sure2(m68) === true) f2 = m68; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["institutionId"]; let f5;\nlet m69;\nif (typeof x6 !== \'string\') return REJECT;\nm69 = x6;\nif (!(m69.length >= 1)) return BAIL;\nif (!(m69.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m69)))) return BAIL;\nif (!(sure1(m69) === true)) return BAIL;\nif (sure2(m69) === true) f5 = m69; else return BAIL;\nif (!("institutionId" in input)) return REJECT;\nconst x9 = input["name"]; let f8;\nlet m70;\nif (typeof x9 !== \'string\') return REJECT;\nm70 = x9;\nif (!(m70.length >= 1)) return BAIL;\nif (!(m70.length <= 500)) return BAIL;\nif (!(refine3(m70) === true)) return BAIL;\nif (!(sure4(m70) === true)) return BAIL;\nif (sure5(m70) === true) f8 = m70; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x12 = input["type"]; let f11;\nf11 = values6.get(x12);\nif (f11 === undefined) return REJECT;\nif (!("type" in input)) return REJECT;\nconst x15 = input["instrument"]; let f14;\nf14 = values7.get(x15);\nif (f14 === undefined) return REJECT;\nif (!("instrument" in input)) return REJECT;\nconst x18 = input["targetSectors"]; let f17;\nif (x18 === undefined) f17 = def8.defaultValue; else {\nif (!Array.isArray(x18)) return REJECT;\nconst n71 = x18.length;\nlet a72 = Object.getPrototypeOf(x18) === Array.prototype ? null : new Array(n71);\nfor (;;) {\nlet i73 = 0;\nfor (; i73 < n71; i73++) {\nconst x74 = x18[i73]; let e75;\nlet m76;\nif (typeof x74 !== \'string\') return REJECT;\nm76 = x74;\nif (!(m76.length <= 16)) return BAIL;\nif (sure9(m76) === true) e75 = m76; else return BAIL;\nif (a72 !== null) a72[i73] = e75; else if (e75 !== x74) break;\n}\nif (i73 === n71) break;\na72 = new Array(n71);\n}\nf17 = a72 === null ? x18 : a72;\nif (!(f17.length <= 2000)) return BAIL;\nif (f17 === undefined) f17 = def8.defaultValue;\n}\nconst h19 = "targetSectors" in input;\nconst x21 = input["excludedSectors"]; let f20;\nif (x21 === undefined) f20 = def10.defaultValue; else {\nif (!Array.isArray(x21)) return REJECT;\nconst n77 = x21.length;\nlet a78 = Object.getPrototypeOf(x21) === Array.prototype ? null : new Array(n77);\nfor (;;) {\nlet i79 = 0;\nfor (; i79 < n77; i79++) {\nconst x80 = x21[i79]; let e81;\nlet m82;\nif (typeof x80 !== \'string\') return REJECT;\nm82 = x80;\nif (!(m82.length <= 16)) return BAIL;\nif (sure9(m82) === true) e81 = m82; else return BAIL;\nif (a78 !== null) a78[i79] = e81; else if (e81 !== x80) break;\n}\nif (i79 === n77) break;\na78 = new Array(n77);\n}\nf20 = a78 === null ? x21 : a78;\nif (!(f20.length <= 2000)) return BAIL;\nif (f20 === undefined) f20 = def10.defaultValue;\n}\nconst h22 = "excludedSectors" in input;\nconst x24 = input["stages"]; let f23;\nif (x24 === undefined) f23 = def11.defaultValue; else {\nif (!Array.isArray(x24)) return REJECT;\nconst n83 = x24.length;\nlet a84 = Object.getPrototypeOf(x24) === Array.prototype ? null : new Array(n83);\nfor (;;) {\nlet i85 = 0;\nfor (; i85 < n83; i85++) {\nconst x86 = x24[i85]; let e87;\ne87 = values12.get(x86);\nif (e87 === undefined) return REJECT;\nif (a84 !== null) a84[i85] = e87; else if (e87 !== x86) break;\n}\nif (i85 === n83) break;\na84 = new Array(n83);\n}\nf23 = a84 === null ? x24 : a84;\nif (!(f23.length <= 2000)) return BAIL;\nif (f23 === undefined) f23 = def11.defaultValue;\n}\nconst h25 = "stages" in input;\nconst x27 = input["minSrdiTier"]; let f26;\nif (x27 === undefined) f26 = def13.defaultValue; else {\nf26 = values14.get(x27);\nif (f26 === undefined) return REJECT;\nif (f26 === undefined) f26 = def13.defaultValue;\n}\nconst h28 = "minSrdiTier" in input;\nconst x30 = input["amount"]; let f29;\nf29 = object15(x30);\nif (f29 === REJECT || f29 === BAIL) return f29;\nif (!(sure16(f29) === true)) return BAIL;\nif (!("amount" in input)) return REJECT;\nconst x33 = input["termMonths"]; let f32;\nf32 = object17(x33);\nif (f32 === REJECT || f32 === BAIL) return f32;\nif (!(sure16(f32) === true)) return BAIL;\nif (!("termMonths" in input)) return REJECT;\nconst x36 = input["regions"]; let f35;\nif (x36 === undefined) f35 = def18.defaultValue; else {\nif (!Array.isArray(x36)) return REJECT;\nconst n88 = x36.length;\nlet a89 = Object.getPrototypeOf(x36) === Array.prototype ? null : new Array(n88);\nfor (;;) {\nlet i90 = 0;\nfor (; i90 < n88; i90++) {\nconst x91 = x36[i90]; let e92;\nif (typeof x91 !== \'string\') return REJECT;\ne92 = x91;\nif (!(refine19(e92) === true)) return BAIL;\nif (a89 !== null) a89[i90] = e92; else if (e92 !== x91) break;\n}\nif (i90 === n88) break;\na89 = new Array(n88);\n}\nf35 = a89 === null ? x36 : a89;\nif (!(f35.length <= 2000)) return BAIL;\nif (f35 === undefined) f35 = def18.defaultValue;\n}\nconst h37 = "regions" in input;\nconst x39 = input["collateral"]; let f38;\nif (x39 === undefined) f38 = def20.defaultValue; else {\nf38 = object21(x39);\nif (f38 === REJECT || f38 === BAIL) return f38;\nif (f38 === undefined) f38 = def20.defaultValue;\n}\nconst h40 = "collateral" in input;\nconst x42 = input["minYearsOperating"]; let f41;\nif (x42 === undefined) f41 = undefined; else {\nif (typeof x42 !== \'number\' || !Number.isFinite(x42)) return REJECT;\nf41 = x42;\nif (!(Number.isSafeInteger(f41))) return BAIL;\nif (!(f41 >= (0))) return BAIL;\nif (!(f41 <= (200))) return BAIL;\n}\nconst h43 = "minYearsOperating" in input;\nconst x45 = input["minAnnualRevenue"]; let f44;\nif (x45 === undefined) f44 = undefined; else {\nif (typeof x45 !== \'number\' || !Number.isFinite(x45)) return REJECT;\nf44 = x45;\nif (!(f44 >= (0))) return BAIL;\nif (!(f44 <= (1000000000000))) return BAIL;\n}\nconst h46 = "minAnnualRevenue" in input;\nconst x48 = input["policyTags"]; let f47;\nif (x48 === undefined) f47 = def22.defaultValue; else {\nif (!Array.isArray(x48)) return REJECT;\nconst n93 = x48.length;\nlet a94 = Object.getPrototypeOf(x48) === Array.prototype ? null : new Array(n93);\nfor (;;) {\nlet i95 = 0;\nfor (; i95 < n93; i95++) {\nconst x96 = x48[i95]; let e97;\ne97 = values23.get(x96);\nif (e97 === undefined) return REJECT;\nif (a94 !== null) a94[i95] = e97; else if (e97 !== x96) break;\n}\nif (i95 === n93) break;\na94 = new Array(n93);\n}\nf47 = a94 === null ? x48 : a94;\nif (!(f47.length <= 2000)) return BAIL;\nif (f47 === undefined) f47 = def22.defaultValue;\n}\nconst h49 = "policyTags" in input;\nconst x51 = input["requiredPolicyLists"]; let f50;\nif (x51 === undefined) f50 = def24.defaultValue; else {\nif (!Array.isArray(x51)) return REJECT;\nconst n98 = x51.length;\nlet a99 = Object.getPrototypeOf(x51) === Array.prototype ? null : new Array(n98);\nfor (;;) {\nlet i100 = 0;\nfor (; i100 < n98; i100++) {\nconst x101 = x51[i100]; let e102;\ne102 = values25.get(x101);\nif (e102 === undefined) return REJECT;\nif (a99 !== null) a99[i100] = e102; else if (e102 !== x101) break;\n}\nif (i100 === n98) break;\na99 = new Array(n98);\n}\nf50 = a99 === null ? x51 : a99;\nif (!(f50.length <= 2000)) return BAIL;\nif (f50 === undefined) f50 = def24.defaultValue;\n}\nconst h52 = "requiredPolicyLists" in input;\nconst x54 = input["ratePercent"]; let f53;\nif (x54 === undefined) f53 = undefined; else {\nf53 = object26(x54);\nif (f53 === REJECT || f53 === BAIL) return f53;\nif (!(sure16(f53) === true)) return BAIL;\n}\nconst h55 = "ratePercent" in input;\nconst x57 = input["combinesWith"]; let f56;\nif (x57 === undefined) f56 = def27.defaultValue; else {\nif (!Array.isArray(x57)) return REJECT;\nconst n103 = x57.length;\nlet a104 = Object.getPrototypeOf(x57) === Array.prototype ? null : new Array(n103);\nfor (;;) {\nlet i105 = 0;\nfor (; i105 < n103; i105++) {\nconst x106 = x57[i105]; let e107;\nlet m108;\nif (typeof x106 !== \'string\') return REJECT;\nm108 = x106;\nif (!(m108.length >= 1)) return BAIL;\nif (!(m108.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m108)))) return BAIL;\nif (!(sure1(m108) === true)) return BAIL;\nif (sure2(m108) === true) e107 = m108; else return BAIL;\nif (a104 !== null) a104[i105] = e107; else if (e107 !== x106) break;\n}\nif (i105 === n103) break;\na104 = new Array(n103);\n}\nf56 = a104 === null ? x57 : a104;\nif (!(f56.length <= 2000)) return BAIL;\nif (f56 === undefined) f56 = def27.defaultValue;\n}\nconst h58 = "combinesWith" in input;\nconst x60 = input["chains"]; let f59;\nif (x60 === undefined) f59 = def28.defaultValue; else {\nif (!Array.isArray(x60)) return REJECT;\nconst n109 = x60.length;\nlet a110 = Object.getPrototypeOf(x60) === Array.prototype ? null : new Array(n109);\nfor (;;) {\nlet i111 = 0;\nfor (; i111 < n109; i111++) {\nconst x112 = x60[i111]; let e113;\nlet m114;\nif (typeof x112 !== \'string\') return REJECT;\nm114 = x112;\nif (!(m114.length >= 1)) return BAIL;\nif (!(m114.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m114)))) return BAIL;\nif (!(sure1(m114) === true)) return BAIL;\nif (sure2(m114) === true) e113 = m114; else return BAIL;\nif (a110 !== null) a110[i111] = e113; else if (e113 !== x112) break;\n}\nif (i111 === n109) break;\na110 = new Array(n109);\n}\nf59 = a110 === null ? x60 : a110;\nif (!(f59.length <= 2000)) return BAIL;\nif (f59 === undefined) f59 = def28.defaultValue;\n}\nconst h61 = "chains" in input;\nconst x63 = input["zones"]; let f62;\nif (x63 === undefined) f62 = def29.defaultValue; else {\nif (!Array.isArray(x63)) return REJECT;\nconst n115 = x63.length;\nlet a116 = Object.getPrototypeOf(x63) === Array.prototype ? null : new Array(n115);\nfor (;;) {\nlet i117 = 0;\nfor (; i117 < n115; i117++) {\nconst x118 = x63[i117]; let e119;\nlet m120;\nif (typeof x118 !== \'string\') return REJECT;\nm120 = x118;\nif (!(m120.length >= 1)) return BAIL;\nif (!(m120.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m120)))) return BAIL;\nif (!(sure1(m120) === true)) return BAIL;\nif (sure2(m120) === true) e119 = m120; else return BAIL;\nif (a116 !== null) a116[i117] = e119; else if (e119 !== x118) break;\n}\nif (i117 === n115) break;\na116 = new Array(n115);\n}\nf62 = a116 === null ? x63 : a116;\nif (!(f62.length <= 2000)) return BAIL;\nif (f62 === undefined) f62 = def29.defaultValue;\n}\nconst h64 = "zones" in input;\nconst x66 = input["text"]; let f65;\nif (x66 === undefined) f65 = def30.defaultValue; else {\nlet m121;\nif (typeof x66 !== \'string\') return REJECT;\nm121 = x66;\nif (!(m121.length <= 20000)) return BAIL;\nif (!(sure31(m121) === true)) return BAIL;\nif (sure32(m121) === true) f65 = m121; else return BAIL;\nif (f65 === undefined) f65 = def30.defaultValue;\n}\nconst h67 = "text" in input;\nlet o122;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && f17 === x18 && h19 && f20 === x21 && h22 && f23 === x24 && h25 && f26 === x27 && h28 && f29 === x30 && f32 === x33 && f35 === x36 && h37 && f38 === x39 && h40 && f41 === x42 && f44 === x45 && f47 === x48 && h49 && f50 === x51 && h52 && f53 === x54 && f56 === x57 && h58 && f59 === x60 && h61 && f62 === x63 && h64 && f65 === x66 && h67 && c1 === 7 + (h19 ? 1 : 0) + (h22 ? 1 : 0) + (h25 ? 1 : 0) + (h28 ? 1 : 0) + (h37 ? 1 : 0) + (h40 ? 1 : 0) + (h43 ? 1 : 0) + (h46 ? 1 : 0) + (h49 ? 1 : 0) + (h52 ? 1 : 0) + (h55 ? 1 : 0) + (h58 ? 1 : 0) + (h61 ? 1 : 0) + (h64 ? 1 : 0) + (h67 ? 1 : 0)) o122 = input; else {\no122 = { "id": f2, "institutionId": f5, "name": f8, "type": f11, "instrument": f14, "targetSectors": f17, "excludedSectors": f20, "stages": f23, "minSrdiTier": f26, "amount": f29, "termMonths": f32, "regions": f35, "collateral": f38 };\nif (h43) o122["minYearsOperating"] = f41;\nif (h46) o122["minAnnualRevenue"] = f44;\no122["policyTags"] = f47;\no122["requiredPolicyLists"] = f50;\nif (h55) o122["ratePercent"] = f53;\no122["combinesWith"] = f56;\no122["chains"] = f59;\no122["zones"] = f62;\no122["text"] = f65;\n}\nout = o122;\nif (!(sure33(out) === true)) return BAIL;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      values6: {
        kind: 'map',
        values: [
          'srdiSpecialLoan',
          'techConversionLoan',
          'digitalTransformationLoan',
          'pilotInsuranceRnDLoan',
          'techReloanLoan',
          'loanRenewal',
          'equipmentRenewalLoan',
          'creditLoan',
          'supplyChainFinance',
          'ipPledgeLoan',
          'mnaLoan',
          'regionalEquityBoard',
          'ipoGreenChannel',
          'bond',
          'ventureEquity',
          'financialLeasing',
          'guarantee',
          'techInsurance',
        ],
      },
      values7: {
        kind: 'map',
        values: ['loan', 'equity', 'bond', 'insurance', 'guarantee', 'leasing', 'listing'],
      },
      def8: { kind: 'default', value: [] },
      sure9: { kind: 'predicate', name: 'canonicalSector', args: [] },
      def10: { kind: 'default', value: [] },
      def11: { kind: 'default', value: [] },
      values12: {
        kind: 'map',
        values: ['seed', 'startup', 'growth', 'expansion', 'mature', 'preIPO'],
      },
      def13: { kind: 'default', value: 'none' },
      values14: { kind: 'map', values: ['none', 'techSme', 'srdi', 'littleGiant', 'champion'] },
      object15: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "min": case "max": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["min"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(f2 > (0))) return BAIL;\nif (!(f2 <= (1000000000000))) return BAIL;\nif (!("min" in input)) return REJECT;\nconst x6 = input["max"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(f5 > (0))) return BAIL;\nif (!(f5 <= (1000000000000))) return BAIL;\nif (!("max" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "min": f2, "max": f5 };\n}\nout = o8;\nreturn out;',
          refs: {},
        },
      },
      sure16: { kind: 'predicate', name: 'noIssue', args: ['range'] },
      object17: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "min": case "max": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["min"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(Number.isSafeInteger(f2))) return BAIL;\nif (!(f2 >= (1))) return BAIL;\nif (!(f2 <= (600))) return BAIL;\nif (!("min" in input)) return REJECT;\nconst x6 = input["max"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(Number.isSafeInteger(f5))) return BAIL;\nif (!(f5 >= (1))) return BAIL;\nif (!(f5 <= (600))) return BAIL;\nif (!("max" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "min": f2, "max": f5 };\n}\nout = o8;\nreturn out;',
          refs: {},
        },
      },
      def18: { kind: 'default', value: [] },
      refine19: { kind: 'predicate', name: 'regionPrefix', args: [] },
      def20: { kind: 'default', value: { required: [], accepted: [] } },
      object21: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "required": case "accepted": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["required"]; let f2;\nif (x3 === undefined) f2 = def0.defaultValue; else {\nif (!Array.isArray(x3)) return REJECT;\nconst n8 = x3.length;\nlet a9 = Object.getPrototypeOf(x3) === Array.prototype ? null : new Array(n8);\nfor (;;) {\nlet i10 = 0;\nfor (; i10 < n8; i10++) {\nconst x11 = x3[i10]; let e12;\ne12 = values1.get(x11);\nif (e12 === undefined) return REJECT;\nif (a9 !== null) a9[i10] = e12; else if (e12 !== x11) break;\n}\nif (i10 === n8) break;\na9 = new Array(n8);\n}\nf2 = a9 === null ? x3 : a9;\nif (!(f2.length <= 2000)) return BAIL;\nif (f2 === undefined) f2 = def0.defaultValue;\n}\nconst h4 = "required" in input;\nconst x6 = input["accepted"]; let f5;\nif (x6 === undefined) f5 = def2.defaultValue; else {\nif (!Array.isArray(x6)) return REJECT;\nconst n13 = x6.length;\nlet a14 = Object.getPrototypeOf(x6) === Array.prototype ? null : new Array(n13);\nfor (;;) {\nlet i15 = 0;\nfor (; i15 < n13; i15++) {\nconst x16 = x6[i15]; let e17;\ne17 = values3.get(x16);\nif (e17 === undefined) return REJECT;\nif (a14 !== null) a14[i15] = e17; else if (e17 !== x16) break;\n}\nif (i15 === n13) break;\na14 = new Array(n13);\n}\nf5 = a14 === null ? x6 : a14;\nif (!(f5.length <= 2000)) return BAIL;\nif (f5 === undefined) f5 = def2.defaultValue;\n}\nconst h7 = "accepted" in input;\nlet o18;\nif (s0 && f2 === x3 && h4 && f5 === x6 && h7 && c1 === 0 + (h4 ? 1 : 0) + (h7 ? 1 : 0)) o18 = input; else {\no18 = { "required": f2, "accepted": f5 };\n}\nout = o18;\nreturn out;',
          refs: {
            def0: { kind: 'default', value: [] },
            values1: {
              kind: 'map',
              values: [
                'credit',
                'realEstate',
                'equipment',
                'ipPledge',
                'receivables',
                'inventory',
                'equityPledge',
                'guarantee',
              ],
            },
            def2: { kind: 'default', value: [] },
            values3: {
              kind: 'map',
              values: [
                'credit',
                'realEstate',
                'equipment',
                'ipPledge',
                'receivables',
                'inventory',
                'equityPledge',
                'guarantee',
              ],
            },
          },
        },
      },
      def22: { kind: 'default', value: [] },
      values23: {
        kind: 'map',
        values: [
          'techReloan',
          'equipmentRenewal',
          'digitalTransformation',
          'srdiSpecial',
          'green',
          'inclusive',
          'techConversion',
          'pilotInsurance',
        ],
      },
      def24: { kind: 'default', value: [] },
      values25: {
        kind: 'map',
        values: [
          'techReloanCandidates',
          'equipmentRenewalProjects',
          'digitalTransformationPilot',
          'highTechEnterprise',
          'keyChainEnterprise',
          'greenFactory',
        ],
      },
      object26: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "min": case "max": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["min"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(f2 >= (0))) return BAIL;\nif (!(f2 <= (100))) return BAIL;\nif (!("min" in input)) return REJECT;\nconst x6 = input["max"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(f5 >= (0))) return BAIL;\nif (!(f5 <= (100))) return BAIL;\nif (!("max" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "min": f2, "max": f5 };\n}\nout = o8;\nreturn out;',
          refs: {},
        },
      },
      def27: { kind: 'default', value: [] },
      def28: { kind: 'default', value: [] },
      def29: { kind: 'default', value: [] },
      def30: { kind: 'default', value: '' },
      sure31: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure32: { kind: 'predicate', name: 'plainText', args: ['text'] },
      sure33: { kind: 'predicate', name: 'noIssues', args: ['sectorConflicts'] },
    },
  },
  project: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "sector": case "trl": case "round": case "need": case "valuation": case "region": case "ownerSrdiTier": case "ownerEnterpriseId": case "chains": case "text": case "attributes": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m41;\nif (typeof x3 !== \'string\') return REJECT;\nm41 = x3;\nif (!(m41.length >= 1)) return BAIL;\nif (!(m41.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m41)))) return BAIL;\nif (!(sure1(m41) === true)) return BAIL;\nif (sure2(m41) === true) f2 = m41; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m42;\nif (typeof x6 !== \'string\') return REJECT;\nm42 = x6;\nif (!(m42.length >= 1)) return BAIL;\nif (!(m42.length <= 500)) return BAIL;\nif (!(refine3(m42) === true)) return BAIL;\nif (!(sure4(m42) === true)) return BAIL;\nif (sure5(m42) === true) f5 = m42; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["sector"]; let f8;\nlet m43;\nif (typeof x9 !== \'string\') return REJECT;\nm43 = x9;\nif (!(m43.length <= 16)) return BAIL;\nif (sure6(m43) === true) f8 = m43; else return BAIL;\nif (!("sector" in input)) return REJECT;\nconst x12 = input["trl"]; let f11;\nif (typeof x12 !== \'number\' || !Number.isFinite(x12)) return REJECT;\nf11 = x12;\nif (!(Number.isSafeInteger(f11))) return BAIL;\nif (!(f11 >= (1))) return BAIL;\nif (!(f11 <= (9))) return BAIL;\nif (!("trl" in input)) return REJECT;\nconst x15 = input["round"]; let f14;\nf14 = values7.get(x15);\nif (f14 === undefined) return REJECT;\nif (!("round" in input)) return REJECT;\nconst x18 = input["need"]; let f17;\nf17 = object8(x18);\nif (f17 === REJECT || f17 === BAIL) return f17;\nif (!("need" in input)) return REJECT;\nconst x21 = input["valuation"]; let f20;\nif (x21 === undefined) f20 = undefined; else {\nif (typeof x21 !== \'number\' || !Number.isFinite(x21)) return REJECT;\nf20 = x21;\nif (!(f20 > (0))) return BAIL;\nif (!(f20 <= (1000000000000))) return BAIL;\n}\nconst h22 = "valuation" in input;\nconst x24 = input["region"]; let f23;\nif (typeof x24 !== \'string\') return REJECT;\nf23 = x24;\nif (!(refine9(f23) === true)) return BAIL;\nif (!("region" in input)) return REJECT;\nconst x27 = input["ownerSrdiTier"]; let f26;\nif (x27 === undefined) f26 = def10.defaultValue; else {\nf26 = values11.get(x27);\nif (f26 === undefined) return REJECT;\nif (f26 === undefined) f26 = def10.defaultValue;\n}\nconst h28 = "ownerSrdiTier" in input;\nconst x30 = input["ownerEnterpriseId"]; let f29;\nif (x30 === undefined) f29 = undefined; else {\nlet m44;\nif (typeof x30 !== \'string\') return REJECT;\nm44 = x30;\nif (!(m44.length >= 1)) return BAIL;\nif (!(m44.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m44)))) return BAIL;\nif (!(sure1(m44) === true)) return BAIL;\nif (sure2(m44) === true) f29 = m44; else return BAIL;\n}\nconst h31 = "ownerEnterpriseId" in input;\nconst x33 = input["chains"]; let f32;\nif (x33 === undefined) f32 = def12.defaultValue; else {\nif (!Array.isArray(x33)) return REJECT;\nconst n45 = x33.length;\nlet a46 = Object.getPrototypeOf(x33) === Array.prototype ? null : new Array(n45);\nfor (;;) {\nlet i47 = 0;\nfor (; i47 < n45; i47++) {\nconst x48 = x33[i47]; let e49;\nlet m50;\nif (typeof x48 !== \'string\') return REJECT;\nm50 = x48;\nif (!(m50.length >= 1)) return BAIL;\nif (!(m50.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m50)))) return BAIL;\nif (!(sure1(m50) === true)) return BAIL;\nif (sure2(m50) === true) e49 = m50; else return BAIL;\nif (a46 !== null) a46[i47] = e49; else if (e49 !== x48) break;\n}\nif (i47 === n45) break;\na46 = new Array(n45);\n}\nf32 = a46 === null ? x33 : a46;\nif (!(f32.length <= 2000)) return BAIL;\nif (f32 === undefined) f32 = def12.defaultValue;\n}\nconst h34 = "chains" in input;\nconst x36 = input["text"]; let f35;\nif (x36 === undefined) f35 = def13.defaultValue; else {\nlet m51;\nif (typeof x36 !== \'string\') return REJECT;\nm51 = x36;\nif (!(m51.length <= 20000)) return BAIL;\nif (!(sure14(m51) === true)) return BAIL;\nif (sure15(m51) === true) f35 = m51; else return BAIL;\nif (f35 === undefined) f35 = def13.defaultValue;\n}\nconst h37 = "text" in input;\nconst x39 = input["attributes"]; let f38;\nif (x39 === undefined) f38 = undefined; else {\nf38 = record16(x39);\nif (f38 === REJECT || f38 === BAIL) return f38;\nif (!(sure17(f38) === true)) return BAIL;\n}\nconst h40 = "attributes" in input;\nlet o52;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && f17 === x18 && f20 === x21 && f23 === x24 && f26 === x27 && h28 && f29 === x30 && f32 === x33 && h34 && f35 === x36 && h37 && f38 === x39 && c1 === 7 + (h22 ? 1 : 0) + (h28 ? 1 : 0) + (h31 ? 1 : 0) + (h34 ? 1 : 0) + (h37 ? 1 : 0) + (h40 ? 1 : 0)) o52 = input; else {\no52 = { "id": f2, "name": f5, "sector": f8, "trl": f11, "round": f14, "need": f17 };\nif (h22) o52["valuation"] = f20;\no52["region"] = f23;\no52["ownerSrdiTier"] = f26;\nif (h31) o52["ownerEnterpriseId"] = f29;\no52["chains"] = f32;\no52["text"] = f35;\nif (h40) o52["attributes"] = f38;\n}\nout = o52;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      sure6: { kind: 'predicate', name: 'canonicalSector', args: [] },
      values7: { kind: 'map', values: ['seed', 'angel', 'preA', 'A', 'B', 'C', 'D', 'preIPO'] },
      object8: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "amount": case "instrument": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["amount"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(f2 > (0))) return BAIL;\nif (!(f2 <= (1000000000000))) return BAIL;\nif (!("amount" in input)) return REJECT;\nconst x6 = input["instrument"]; let f5;\nf5 = values0.get(x6);\nif (f5 === undefined) return REJECT;\nif (!("instrument" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "amount": f2, "instrument": f5 };\n}\nout = o8;\nreturn out;',
          refs: {
            values0: {
              kind: 'map',
              values: ['loan', 'equity', 'bond', 'insurance', 'guarantee', 'leasing', 'listing'],
            },
          },
        },
      },
      refine9: { kind: 'predicate', name: 'regionCode', args: [] },
      def10: { kind: 'default', value: 'none' },
      values11: { kind: 'map', values: ['none', 'techSme', 'srdi', 'littleGiant', 'champion'] },
      def12: { kind: 'default', value: [] },
      def13: { kind: 'default', value: '' },
      sure14: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure15: { kind: 'predicate', name: 'plainText', args: ['text'] },
      record16: {
        kind: 'record',
        key: {
          body: "let out;\nif (typeof input !== 'string') return REJECT;\nout = input;\nif (!((pattern0.lastIndex = 0, pattern0.test(out)))) return BAIL;\nreturn out;",
          refs: {
            pattern0: { kind: 'regex', source: '^[A-Za-z][A-Za-z0-9_.-]{0,63}$', flags: '' },
          },
        },
        value: {
          body: 'let out;\nout = REJECT;\nif (out === REJECT) out = option0(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) out = option1(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) out = option2(input);\nif (out === BAIL) return BAIL;\nif (out === REJECT) return REJECT;\nreturn out;',
          refs: {
            option0: {
              kind: 'validator',
              source: {
                body: "let out;\nlet m0;\nif (typeof input !== 'string') return REJECT;\nm0 = input;\nif (!(m0.length >= 1)) return BAIL;\nif (!(m0.length <= 200)) return BAIL;\nif (!(sure0(m0) === true)) return BAIL;\nif (sure1(m0) === true) out = m0; else return BAIL;\nreturn out;",
                refs: {
                  sure0: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
                  sure1: { kind: 'predicate', name: 'plainText', args: ['name'] },
                },
              },
            },
            option1: {
              kind: 'validator',
              source: {
                body: "let out;\nif (typeof input !== 'number' || !Number.isFinite(input)) return REJECT;\nout = input;\nreturn out;",
                refs: {},
              },
            },
            option2: {
              kind: 'validator',
              source: {
                body: "let out;\nif (typeof input !== 'boolean') return REJECT;\nout = input;\nreturn out;",
                refs: {},
              },
            },
          },
        },
        forbidden: ['__proto__', 'constructor', 'prototype'],
      },
      sure17: { kind: 'predicate', name: 'noIssue', args: ['attributeCount'] },
    },
  },
  investor: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "kind": case "targetSectors": case "excludedSectors": case "rounds": case "trl": case "ticket": case "regions": case "capacity": case "investsVia": case "thesis": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m38;\nif (typeof x3 !== \'string\') return REJECT;\nm38 = x3;\nif (!(m38.length >= 1)) return BAIL;\nif (!(m38.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m38)))) return BAIL;\nif (!(sure1(m38) === true)) return BAIL;\nif (sure2(m38) === true) f2 = m38; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m39;\nif (typeof x6 !== \'string\') return REJECT;\nm39 = x6;\nif (!(m39.length >= 1)) return BAIL;\nif (!(m39.length <= 500)) return BAIL;\nif (!(refine3(m39) === true)) return BAIL;\nif (!(sure4(m39) === true)) return BAIL;\nif (sure5(m39) === true) f5 = m39; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["kind"]; let f8;\nf8 = values6.get(x9);\nif (f8 === undefined) return REJECT;\nif (!("kind" in input)) return REJECT;\nconst x12 = input["targetSectors"]; let f11;\nif (x12 === undefined) f11 = def7.defaultValue; else {\nif (!Array.isArray(x12)) return REJECT;\nconst n40 = x12.length;\nlet a41 = Object.getPrototypeOf(x12) === Array.prototype ? null : new Array(n40);\nfor (;;) {\nlet i42 = 0;\nfor (; i42 < n40; i42++) {\nconst x43 = x12[i42]; let e44;\nlet m45;\nif (typeof x43 !== \'string\') return REJECT;\nm45 = x43;\nif (!(m45.length <= 16)) return BAIL;\nif (sure8(m45) === true) e44 = m45; else return BAIL;\nif (a41 !== null) a41[i42] = e44; else if (e44 !== x43) break;\n}\nif (i42 === n40) break;\na41 = new Array(n40);\n}\nf11 = a41 === null ? x12 : a41;\nif (!(f11.length <= 2000)) return BAIL;\nif (f11 === undefined) f11 = def7.defaultValue;\n}\nconst h13 = "targetSectors" in input;\nconst x15 = input["excludedSectors"]; let f14;\nif (x15 === undefined) f14 = def9.defaultValue; else {\nif (!Array.isArray(x15)) return REJECT;\nconst n46 = x15.length;\nlet a47 = Object.getPrototypeOf(x15) === Array.prototype ? null : new Array(n46);\nfor (;;) {\nlet i48 = 0;\nfor (; i48 < n46; i48++) {\nconst x49 = x15[i48]; let e50;\nlet m51;\nif (typeof x49 !== \'string\') return REJECT;\nm51 = x49;\nif (!(m51.length <= 16)) return BAIL;\nif (sure8(m51) === true) e50 = m51; else return BAIL;\nif (a47 !== null) a47[i48] = e50; else if (e50 !== x49) break;\n}\nif (i48 === n46) break;\na47 = new Array(n46);\n}\nf14 = a47 === null ? x15 : a47;\nif (!(f14.length <= 2000)) return BAIL;\nif (f14 === undefined) f14 = def9.defaultValue;\n}\nconst h16 = "excludedSectors" in input;\nconst x18 = input["rounds"]; let f17;\nif (x18 === undefined) f17 = def10.defaultValue; else {\nif (!Array.isArray(x18)) return REJECT;\nconst n52 = x18.length;\nlet a53 = Object.getPrototypeOf(x18) === Array.prototype ? null : new Array(n52);\nfor (;;) {\nlet i54 = 0;\nfor (; i54 < n52; i54++) {\nconst x55 = x18[i54]; let e56;\ne56 = values11.get(x55);\nif (e56 === undefined) return REJECT;\nif (a53 !== null) a53[i54] = e56; else if (e56 !== x55) break;\n}\nif (i54 === n52) break;\na53 = new Array(n52);\n}\nf17 = a53 === null ? x18 : a53;\nif (!(f17.length <= 2000)) return BAIL;\nif (f17 === undefined) f17 = def10.defaultValue;\n}\nconst h19 = "rounds" in input;\nconst x21 = input["trl"]; let f20;\nif (x21 === undefined) f20 = undefined; else {\nf20 = object12(x21);\nif (f20 === REJECT || f20 === BAIL) return f20;\nif (!(sure13(f20) === true)) return BAIL;\n}\nconst h22 = "trl" in input;\nconst x24 = input["ticket"]; let f23;\nf23 = object14(x24);\nif (f23 === REJECT || f23 === BAIL) return f23;\nif (!(sure13(f23) === true)) return BAIL;\nif (!("ticket" in input)) return REJECT;\nconst x27 = input["regions"]; let f26;\nif (x27 === undefined) f26 = def15.defaultValue; else {\nif (!Array.isArray(x27)) return REJECT;\nconst n57 = x27.length;\nlet a58 = Object.getPrototypeOf(x27) === Array.prototype ? null : new Array(n57);\nfor (;;) {\nlet i59 = 0;\nfor (; i59 < n57; i59++) {\nconst x60 = x27[i59]; let e61;\nif (typeof x60 !== \'string\') return REJECT;\ne61 = x60;\nif (!(refine16(e61) === true)) return BAIL;\nif (a58 !== null) a58[i59] = e61; else if (e61 !== x60) break;\n}\nif (i59 === n57) break;\na58 = new Array(n57);\n}\nf26 = a58 === null ? x27 : a58;\nif (!(f26.length <= 2000)) return BAIL;\nif (f26 === undefined) f26 = def15.defaultValue;\n}\nconst h28 = "regions" in input;\nconst x30 = input["capacity"]; let f29;\nif (typeof x30 !== \'number\' || !Number.isFinite(x30)) return REJECT;\nf29 = x30;\nif (!(Number.isSafeInteger(f29))) return BAIL;\nif (!(f29 >= (0))) return BAIL;\nif (!(f29 <= (100000))) return BAIL;\nif (!("capacity" in input)) return REJECT;\nconst x33 = input["investsVia"]; let f32;\nif (x33 === undefined) f32 = def17.defaultValue; else {\nf32 = values18.get(x33);\nif (f32 === undefined) return REJECT;\nif (f32 === undefined) f32 = def17.defaultValue;\n}\nconst h34 = "investsVia" in input;\nconst x36 = input["thesis"]; let f35;\nif (x36 === undefined) f35 = def19.defaultValue; else {\nlet m62;\nif (typeof x36 !== \'string\') return REJECT;\nm62 = x36;\nif (!(m62.length <= 20000)) return BAIL;\nif (!(sure20(m62) === true)) return BAIL;\nif (sure21(m62) === true) f35 = m62; else return BAIL;\nif (f35 === undefined) f35 = def19.defaultValue;\n}\nconst h37 = "thesis" in input;\nlet o63;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && h13 && f14 === x15 && h16 && f17 === x18 && h19 && f20 === x21 && f23 === x24 && f26 === x27 && h28 && f29 === x30 && f32 === x33 && h34 && f35 === x36 && h37 && c1 === 5 + (h13 ? 1 : 0) + (h16 ? 1 : 0) + (h19 ? 1 : 0) + (h22 ? 1 : 0) + (h28 ? 1 : 0) + (h34 ? 1 : 0) + (h37 ? 1 : 0)) o63 = input; else {\no63 = { "id": f2, "name": f5, "kind": f8, "targetSectors": f11, "excludedSectors": f14, "rounds": f17 };\nif (h22) o63["trl"] = f20;\no63["ticket"] = f23;\no63["regions"] = f26;\no63["capacity"] = f29;\no63["investsVia"] = f32;\no63["thesis"] = f35;\n}\nout = o63;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      values6: {
        kind: 'map',
        values: [
          'governmentGuidanceFund',
          'stateVC',
          'corporateVC',
          'privateVCPE',
          'angel',
          'bankInvestmentArm',
          'insuranceFund',
        ],
      },
      def7: { kind: 'default', value: [] },
      sure8: { kind: 'predicate', name: 'canonicalSector', args: [] },
      def9: { kind: 'default', value: [] },
      def10: { kind: 'default', value: [] },
      values11: { kind: 'map', values: ['seed', 'angel', 'preA', 'A', 'B', 'C', 'D', 'preIPO'] },
      object12: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "min": case "max": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["min"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(Number.isSafeInteger(f2))) return BAIL;\nif (!(f2 >= (1))) return BAIL;\nif (!(f2 <= (9))) return BAIL;\nif (!("min" in input)) return REJECT;\nconst x6 = input["max"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(Number.isSafeInteger(f5))) return BAIL;\nif (!(f5 >= (1))) return BAIL;\nif (!(f5 <= (9))) return BAIL;\nif (!("max" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "min": f2, "max": f5 };\n}\nout = o8;\nreturn out;',
          refs: {},
        },
      },
      sure13: { kind: 'predicate', name: 'noIssue', args: ['range'] },
      object14: {
        kind: 'validator',
        source: {
          body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "min": case "max": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["min"]; let f2;\nif (typeof x3 !== \'number\' || !Number.isFinite(x3)) return REJECT;\nf2 = x3;\nif (!(f2 > (0))) return BAIL;\nif (!(f2 <= (1000000000000))) return BAIL;\nif (!("min" in input)) return REJECT;\nconst x6 = input["max"]; let f5;\nif (typeof x6 !== \'number\' || !Number.isFinite(x6)) return REJECT;\nf5 = x6;\nif (!(f5 > (0))) return BAIL;\nif (!(f5 <= (1000000000000))) return BAIL;\nif (!("max" in input)) return REJECT;\nlet o8;\nif (s0 && f2 === x3 && f5 === x6 && c1 === 2) o8 = input; else {\no8 = { "min": f2, "max": f5 };\n}\nout = o8;\nreturn out;',
          refs: {},
        },
      },
      def15: { kind: 'default', value: [] },
      refine16: { kind: 'predicate', name: 'regionPrefix', args: [] },
      def17: { kind: 'default', value: 'direct' },
      values18: { kind: 'map', values: ['direct', 'subfund'] },
      def19: { kind: 'default', value: '' },
      sure20: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure21: { kind: 'predicate', name: 'plainText', args: ['text'] },
    },
  },
  interaction: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "subjectKind": case "subjectId": case "itemKind": case "itemId": case "kind": case "date": case "amount": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m26;\nif (typeof x3 !== \'string\') return REJECT;\nm26 = x3;\nif (!(m26.length >= 1)) return BAIL;\nif (!(m26.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m26)))) return BAIL;\nif (!(sure1(m26) === true)) return BAIL;\nif (sure2(m26) === true) f2 = m26; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["subjectKind"]; let f5;\nf5 = values3.get(x6);\nif (f5 === undefined) return REJECT;\nif (!("subjectKind" in input)) return REJECT;\nconst x9 = input["subjectId"]; let f8;\nlet m27;\nif (typeof x9 !== \'string\') return REJECT;\nm27 = x9;\nif (!(m27.length >= 1)) return BAIL;\nif (!(m27.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m27)))) return BAIL;\nif (!(sure1(m27) === true)) return BAIL;\nif (sure2(m27) === true) f8 = m27; else return BAIL;\nif (!("subjectId" in input)) return REJECT;\nconst x12 = input["itemKind"]; let f11;\nf11 = values4.get(x12);\nif (f11 === undefined) return REJECT;\nif (!("itemKind" in input)) return REJECT;\nconst x15 = input["itemId"]; let f14;\nlet m28;\nif (typeof x15 !== \'string\') return REJECT;\nm28 = x15;\nif (!(m28.length >= 1)) return BAIL;\nif (!(m28.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m28)))) return BAIL;\nif (!(sure1(m28) === true)) return BAIL;\nif (sure2(m28) === true) f14 = m28; else return BAIL;\nif (!("itemId" in input)) return REJECT;\nconst x18 = input["kind"]; let f17;\nf17 = values5.get(x18);\nif (f17 === undefined) return REJECT;\nif (!("kind" in input)) return REJECT;\nconst x21 = input["date"]; let f20;\nif (typeof x21 !== \'string\') return REJECT;\nf20 = x21;\nif (!(f20.length <= 10)) return BAIL;\nif (!(sure6(f20) === true)) return BAIL;\nif (!("date" in input)) return REJECT;\nconst x24 = input["amount"]; let f23;\nif (x24 === undefined) f23 = undefined; else {\nif (typeof x24 !== \'number\' || !Number.isFinite(x24)) return REJECT;\nf23 = x24;\nif (!(f23 > (0))) return BAIL;\nif (!(f23 <= (1000000000000))) return BAIL;\n}\nconst h25 = "amount" in input;\nlet o29;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && f17 === x18 && f20 === x21 && f23 === x24 && c1 === 7 + (h25 ? 1 : 0)) o29 = input; else {\no29 = { "id": f2, "subjectKind": f5, "subjectId": f8, "itemKind": f11, "itemId": f14, "kind": f17, "date": f20 };\nif (h25) o29["amount"] = f23;\n}\nout = o29;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      values3: { kind: 'map', values: ['enterprise', 'project'] },
      values4: { kind: 'map', values: ['product', 'investor'] },
      values5: { kind: 'map', values: ['viewed', 'applied', 'approved', 'funded', 'declined'] },
      sure6: { kind: 'predicate', name: 'noIssue', args: ['date'] },
    },
  },
  chain: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "nameEn": case "sectors": case "leaderIds": case "productIds": case "text": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m23;\nif (typeof x3 !== \'string\') return REJECT;\nm23 = x3;\nif (!(m23.length >= 1)) return BAIL;\nif (!(m23.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m23)))) return BAIL;\nif (!(sure1(m23) === true)) return BAIL;\nif (sure2(m23) === true) f2 = m23; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m24;\nif (typeof x6 !== \'string\') return REJECT;\nm24 = x6;\nif (!(m24.length >= 1)) return BAIL;\nif (!(m24.length <= 500)) return BAIL;\nif (!(refine3(m24) === true)) return BAIL;\nif (!(sure4(m24) === true)) return BAIL;\nif (sure5(m24) === true) f5 = m24; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["nameEn"]; let f8;\nif (x9 === undefined) f8 = undefined; else {\nlet m25;\nif (typeof x9 !== \'string\') return REJECT;\nm25 = x9;\nif (!(m25.length >= 1)) return BAIL;\nif (!(m25.length <= 500)) return BAIL;\nif (!(refine3(m25) === true)) return BAIL;\nif (!(sure4(m25) === true)) return BAIL;\nif (sure5(m25) === true) f8 = m25; else return BAIL;\n}\nconst h10 = "nameEn" in input;\nconst x12 = input["sectors"]; let f11;\nif (!Array.isArray(x12)) return REJECT;\nconst n26 = x12.length;\nlet a27 = Object.getPrototypeOf(x12) === Array.prototype ? null : new Array(n26);\nfor (;;) {\nlet i28 = 0;\nfor (; i28 < n26; i28++) {\nconst x29 = x12[i28]; let e30;\nlet m31;\nif (typeof x29 !== \'string\') return REJECT;\nm31 = x29;\nif (!(m31.length <= 16)) return BAIL;\nif (sure6(m31) === true) e30 = m31; else return BAIL;\nif (a27 !== null) a27[i28] = e30; else if (e30 !== x29) break;\n}\nif (i28 === n26) break;\na27 = new Array(n26);\n}\nf11 = a27 === null ? x12 : a27;\nif (!(f11.length >= 1)) return BAIL;\nif (!(f11.length <= 2000)) return BAIL;\nif (!("sectors" in input)) return REJECT;\nconst x15 = input["leaderIds"]; let f14;\nif (x15 === undefined) f14 = def7.defaultValue; else {\nif (!Array.isArray(x15)) return REJECT;\nconst n32 = x15.length;\nlet a33 = Object.getPrototypeOf(x15) === Array.prototype ? null : new Array(n32);\nfor (;;) {\nlet i34 = 0;\nfor (; i34 < n32; i34++) {\nconst x35 = x15[i34]; let e36;\nlet m37;\nif (typeof x35 !== \'string\') return REJECT;\nm37 = x35;\nif (!(m37.length >= 1)) return BAIL;\nif (!(m37.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m37)))) return BAIL;\nif (!(sure1(m37) === true)) return BAIL;\nif (sure2(m37) === true) e36 = m37; else return BAIL;\nif (a33 !== null) a33[i34] = e36; else if (e36 !== x35) break;\n}\nif (i34 === n32) break;\na33 = new Array(n32);\n}\nf14 = a33 === null ? x15 : a33;\nif (!(f14.length <= 2000)) return BAIL;\nif (f14 === undefined) f14 = def7.defaultValue;\n}\nconst h16 = "leaderIds" in input;\nconst x18 = input["productIds"]; let f17;\nif (x18 === undefined) f17 = def8.defaultValue; else {\nif (!Array.isArray(x18)) return REJECT;\nconst n38 = x18.length;\nlet a39 = Object.getPrototypeOf(x18) === Array.prototype ? null : new Array(n38);\nfor (;;) {\nlet i40 = 0;\nfor (; i40 < n38; i40++) {\nconst x41 = x18[i40]; let e42;\nlet m43;\nif (typeof x41 !== \'string\') return REJECT;\nm43 = x41;\nif (!(m43.length >= 1)) return BAIL;\nif (!(m43.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m43)))) return BAIL;\nif (!(sure1(m43) === true)) return BAIL;\nif (sure2(m43) === true) e42 = m43; else return BAIL;\nif (a39 !== null) a39[i40] = e42; else if (e42 !== x41) break;\n}\nif (i40 === n38) break;\na39 = new Array(n38);\n}\nf17 = a39 === null ? x18 : a39;\nif (!(f17.length <= 2000)) return BAIL;\nif (f17 === undefined) f17 = def8.defaultValue;\n}\nconst h19 = "productIds" in input;\nconst x21 = input["text"]; let f20;\nif (x21 === undefined) f20 = def9.defaultValue; else {\nlet m44;\nif (typeof x21 !== \'string\') return REJECT;\nm44 = x21;\nif (!(m44.length <= 20000)) return BAIL;\nif (!(sure10(m44) === true)) return BAIL;\nif (sure11(m44) === true) f20 = m44; else return BAIL;\nif (f20 === undefined) f20 = def9.defaultValue;\n}\nconst h22 = "text" in input;\nlet o45;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && h16 && f17 === x18 && h19 && f20 === x21 && h22 && c1 === 3 + (h10 ? 1 : 0) + (h16 ? 1 : 0) + (h19 ? 1 : 0) + (h22 ? 1 : 0)) o45 = input; else {\no45 = { "id": f2, "name": f5 };\nif (h10) o45["nameEn"] = f8;\no45["sectors"] = f11;\no45["leaderIds"] = f14;\no45["productIds"] = f17;\no45["text"] = f20;\n}\nout = o45;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      sure6: { kind: 'predicate', name: 'canonicalSector', args: [] },
      def7: { kind: 'default', value: [] },
      def8: { kind: 'default', value: [] },
      def9: { kind: 'default', value: '' },
      sure10: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure11: { kind: 'predicate', name: 'plainText', args: ['text'] },
    },
  },
  zone: {
    body: 'let out;\nif (typeof input !== \'object\' || input === null || Array.isArray(input)) return REJECT;\nlet s0 = Object.getPrototypeOf(input) === Object.prototype; let c1 = 0;\nfor (const key in input) {\nswitch (key) { case "id": case "name": case "nameEn": case "kind": case "sectors": case "regions": case "productIds": case "text": c1++; continue; }\nreturn REJECT;\n}\nconst x3 = input["id"]; let f2;\nlet m26;\nif (typeof x3 !== \'string\') return REJECT;\nm26 = x3;\nif (!(m26.length >= 1)) return BAIL;\nif (!(m26.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m26)))) return BAIL;\nif (!(sure1(m26) === true)) return BAIL;\nif (sure2(m26) === true) f2 = m26; else return BAIL;\nif (!("id" in input)) return REJECT;\nconst x6 = input["name"]; let f5;\nlet m27;\nif (typeof x6 !== \'string\') return REJECT;\nm27 = x6;\nif (!(m27.length >= 1)) return BAIL;\nif (!(m27.length <= 500)) return BAIL;\nif (!(refine3(m27) === true)) return BAIL;\nif (!(sure4(m27) === true)) return BAIL;\nif (sure5(m27) === true) f5 = m27; else return BAIL;\nif (!("name" in input)) return REJECT;\nconst x9 = input["nameEn"]; let f8;\nif (x9 === undefined) f8 = undefined; else {\nlet m28;\nif (typeof x9 !== \'string\') return REJECT;\nm28 = x9;\nif (!(m28.length >= 1)) return BAIL;\nif (!(m28.length <= 500)) return BAIL;\nif (!(refine3(m28) === true)) return BAIL;\nif (!(sure4(m28) === true)) return BAIL;\nif (sure5(m28) === true) f8 = m28; else return BAIL;\n}\nconst h10 = "nameEn" in input;\nconst x12 = input["kind"]; let f11;\nf11 = values6.get(x12);\nif (f11 === undefined) return REJECT;\nif (!("kind" in input)) return REJECT;\nconst x15 = input["sectors"]; let f14;\nif (x15 === undefined) f14 = def7.defaultValue; else {\nif (!Array.isArray(x15)) return REJECT;\nconst n29 = x15.length;\nlet a30 = Object.getPrototypeOf(x15) === Array.prototype ? null : new Array(n29);\nfor (;;) {\nlet i31 = 0;\nfor (; i31 < n29; i31++) {\nconst x32 = x15[i31]; let e33;\nlet m34;\nif (typeof x32 !== \'string\') return REJECT;\nm34 = x32;\nif (!(m34.length <= 16)) return BAIL;\nif (sure8(m34) === true) e33 = m34; else return BAIL;\nif (a30 !== null) a30[i31] = e33; else if (e33 !== x32) break;\n}\nif (i31 === n29) break;\na30 = new Array(n29);\n}\nf14 = a30 === null ? x15 : a30;\nif (!(f14.length <= 2000)) return BAIL;\nif (f14 === undefined) f14 = def7.defaultValue;\n}\nconst h16 = "sectors" in input;\nconst x18 = input["regions"]; let f17;\nif (x18 === undefined) f17 = def9.defaultValue; else {\nif (!Array.isArray(x18)) return REJECT;\nconst n35 = x18.length;\nlet a36 = Object.getPrototypeOf(x18) === Array.prototype ? null : new Array(n35);\nfor (;;) {\nlet i37 = 0;\nfor (; i37 < n35; i37++) {\nconst x38 = x18[i37]; let e39;\nif (typeof x38 !== \'string\') return REJECT;\ne39 = x38;\nif (!(refine10(e39) === true)) return BAIL;\nif (a36 !== null) a36[i37] = e39; else if (e39 !== x38) break;\n}\nif (i37 === n35) break;\na36 = new Array(n35);\n}\nf17 = a36 === null ? x18 : a36;\nif (!(f17.length <= 2000)) return BAIL;\nif (f17 === undefined) f17 = def9.defaultValue;\n}\nconst h19 = "regions" in input;\nconst x21 = input["productIds"]; let f20;\nif (x21 === undefined) f20 = def11.defaultValue; else {\nif (!Array.isArray(x21)) return REJECT;\nconst n40 = x21.length;\nlet a41 = Object.getPrototypeOf(x21) === Array.prototype ? null : new Array(n40);\nfor (;;) {\nlet i42 = 0;\nfor (; i42 < n40; i42++) {\nconst x43 = x21[i42]; let e44;\nlet m45;\nif (typeof x43 !== \'string\') return REJECT;\nm45 = x43;\nif (!(m45.length >= 1)) return BAIL;\nif (!(m45.length <= 128)) return BAIL;\nif (!((pattern0.lastIndex = 0, pattern0.test(m45)))) return BAIL;\nif (!(sure1(m45) === true)) return BAIL;\nif (sure2(m45) === true) e44 = m45; else return BAIL;\nif (a41 !== null) a41[i42] = e44; else if (e44 !== x43) break;\n}\nif (i42 === n40) break;\na41 = new Array(n40);\n}\nf20 = a41 === null ? x21 : a41;\nif (!(f20.length <= 2000)) return BAIL;\nif (f20 === undefined) f20 = def11.defaultValue;\n}\nconst h22 = "productIds" in input;\nconst x24 = input["text"]; let f23;\nif (x24 === undefined) f23 = def12.defaultValue; else {\nlet m46;\nif (typeof x24 !== \'string\') return REJECT;\nm46 = x24;\nif (!(m46.length <= 20000)) return BAIL;\nif (!(sure13(m46) === true)) return BAIL;\nif (sure14(m46) === true) f23 = m46; else return BAIL;\nif (f23 === undefined) f23 = def12.defaultValue;\n}\nconst h25 = "text" in input;\nlet o47;\nif (s0 && f2 === x3 && f5 === x6 && f8 === x9 && f11 === x12 && f14 === x15 && h16 && f17 === x18 && h19 && f20 === x21 && h22 && f23 === x24 && h25 && c1 === 3 + (h10 ? 1 : 0) + (h16 ? 1 : 0) + (h19 ? 1 : 0) + (h22 ? 1 : 0) + (h25 ? 1 : 0)) o47 = input; else {\no47 = { "id": f2, "name": f5 };\nif (h10) o47["nameEn"] = f8;\no47["kind"] = f11;\no47["sectors"] = f14;\no47["regions"] = f17;\no47["productIds"] = f20;\no47["text"] = f23;\n}\nout = o47;\nreturn out;',
    refs: {
      pattern0: {
        kind: 'regex',
        source: '^[^\\s\\u0000-\\u001f]+(?: [^\\s\\u0000-\\u001f]+)*$',
        flags: '',
      },
      sure1: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'id'] },
      sure2: { kind: 'predicate', name: 'plainText', args: ['id'] },
      refine3: { kind: 'predicate', name: 'notBlank', args: [] },
      sure4: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'name'] },
      sure5: { kind: 'predicate', name: 'plainText', args: ['name'] },
      values6: {
        kind: 'map',
        values: [
          'industrialTransfer',
          'advancedManufacturingCluster',
          'industrialInternet',
          'fiveG',
          'srdi',
          'green',
          'digitalTransformation',
          'other',
        ],
      },
      def7: { kind: 'default', value: [] },
      sure8: { kind: 'predicate', name: 'canonicalSector', args: [] },
      def9: { kind: 'default', value: [] },
      refine10: { kind: 'predicate', name: 'regionPrefix', args: [] },
      def11: { kind: 'default', value: [] },
      def12: { kind: 'default', value: '' },
      sure13: { kind: 'predicate', name: 'noIssue', args: ['unsafeCharacter', 'text'] },
      sure14: { kind: 'predicate', name: 'plainText', args: ['text'] },
    },
  },
};
