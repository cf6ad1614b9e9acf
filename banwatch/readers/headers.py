"""The header vocabulary: column headers of the exports people have, by role and origin (data).

Each header is written as its system or language writes it; `columns.header_key`
compares them without case, accents, spaces or punctuation, so `mac_address`,
`MAC Address` and `MAC-Adresse`'s spellings meet their entry. `docs/columns.md`
is generated from this table (`columns_doc`). A header that holds an account
number in some system (SAP's `Vendor`, `LIFNR`; Dynamics' `Vendor account`)
is either not here or, when other systems use it for the name, is read as a
name whose cells that are numbers or codes are passed over
(`matching.account_codes.is_account_code`).
"""

from __future__ import annotations

from typing import NamedTuple

from banwatch.model.records import Role


class Header(NamedTuple):
    """One header a role is recognised by, and where it comes from."""

    role: Role
    text: str
    origin: str  # the system or language that writes it so


def _of(role: Role, origin: str, *texts: str) -> tuple[Header, ...]:
    return tuple(Header(role, text, origin) for text in texts)


ENGLISH = "English, any system"
NMAP = "nmap XML (-oX)"

HEADERS: tuple[Header, ...] = (
    # Names of suppliers, manufacturers, brands and payees.
    *_of(
        "name",
        ENGLISH,
        "Name",
        "Supplier",
        "Supplier Name",
        "Vendor",
        "Vendor Name",
        "Manufacturer",
        "Manufacturer Name",
        "Maker",
        "Make",
        "Brand",
        "Brand Name",
        "Company",
        "Company Name",
        "Organisation",
        "Organisation Name",
        "Organization",
        "Organization Name",
        "Entity",
        "Entity Name",
        "Counterparty",
        "Counterparty Name",
        "Contractor",
        "Contractor Name",
        "Seller",
        "Distributor",
        "OEM",
    ),
    *_of(
        "name", "ledgers and bank exports", "Payee", "Payee Name", "Beneficiary", "Beneficiary Name"
    ),
    *_of("name", "card and expense exports", "Merchant", "Merchant Name"),
    *_of("name", "SAP vendor master (LFA1-NAME1, NAME2)", "Vendor Name 1", "Name 1", "NAME1"),
    *_of("name", "SAP vendor master (LFA1-NAME1, NAME2)", "Vendor Name 2", "Name 2", "NAME2"),
    *_of("name", "Oracle Payables", "Trading Partner"),
    *_of("name", "ServiceNow cmdb_ci", "manufacturer", "vendor"),
    *_of("name", "runZero asset export", "mac_vendors", "newest_mac_vendor"),
    # The vendor nmap names from the IEEE registry (a `mac_vendor` column reads the same).
    *_of("name", NMAP, "MAC Vendor"),
    # Model numbers.
    *_of(
        "model",
        ENGLISH,
        "Model",
        "Model Number",
        "Model No",
        "Model No.",
        "Model Nr",
        "Model Name",
        "Part Number",
        "Part No",
        "Product Model",
        "SKU",
    ),
    *_of("model", "ServiceNow cmdb_ci", "model_id", "model_number"),
    # MAC addresses.
    *_of(
        "mac",
        ENGLISH,
        "MAC",
        "MAC Address",
        "MACAddr",
        "HW Address",
        "HWAddr",
        "Hardware Address",
        "Ethernet Address",
        "Physical Address",
        "Network MAC",
        "LAN MAC",
        "WLAN MAC",
        "WiFi MAC",
        "Ethernet MAC",
        "MAC ID",
    ),
    *_of("mac", "ServiceNow cmdb_ci", "mac_address"),
    *_of("mac", "runZero asset export", "macs", "newest_mac"),
    # Web addresses.
    *_of(
        "domain",
        ENGLISH,
        "Website",
        "Web Site",
        "Domain",
        "Domain Name",
        "URL",
        "Homepage",
        "Home Page",
        "Web",
    ),
    *_of("fcc_id", ENGLISH, "FCC ID", "FCC ID Number", "FCC Identifier", "FCCID"),
    # Free text: descriptions, memos, notes.
    *_of(
        "text",
        ENGLISH,
        "Description",
        "Item Description",
        "Product Description",
        "Item",
        "Memo",
        "Notes",
        "Remarks",
        "Comments",
        "Narrative",
    ),
    *_of("text", "runZero asset export", "hw", "service_products"),
    *_of("text", "ServiceNow cmdb_ci", "short_description"),
    *_of("text", f"{NMAP}; runZero asset export (os)", "OS"),
    *_of("text", NMAP, "Hostnames", "Services", "CPE"),
    # What kind of product a record is.
    *_of(
        "kind",
        ENGLISH,
        "Product Kind",
        "Product Type",
        "Device Type",
        "Asset Type",
        "Equipment Type",
        "Category",
        "Product Category",
        "Asset Category",
    ),
    *_of("kind", "runZero asset export", "type"),
    *_of("kind", "ServiceNow cmdb_ci (the CI's class: cmdb_ci_ip_router)", "sys_class_name"),
    # The record's own date.
    *_of(
        "date",
        ENGLISH,
        "Purchase Date",
        "Date of Purchase",
        "Purchased",
        "Purchased On",
        "Acquisition Date",
        "Date Acquired",
        "Acquired",
        "Acquired On",
        "Order Date",
        "PO Date",
        "Invoice Date",
        "Delivery Date",
        "Install Date",
        "Installation Date",
    ),
    *_of("country", ENGLISH, "Country", "Country Code", "Country of Origin"),
    *_of("country", "SAP vendor master (LFA1-LAND1)", "Country Key", "LAND1"),
    # French (Canadian federal inventories are bilingual).
    *_of(
        "name",
        "French",
        "Fournisseur",
        "Nom du fournisseur",
        "Nom fournisseur",
        "Fabricant",
        "Constructeur",
        "Marque",
        "Entreprise",
        "Raison sociale",
        "Bénéficiaire",
    ),
    *_of("model", "French", "Modèle", "Numéro de modèle"),
    *_of("mac", "French", "Adresse MAC"),
    *_of("domain", "French", "Site web", "Site internet"),
    *_of("text", "French", "Remarques", "Libellé", "Commentaires"),
    *_of("kind", "French", "Type de produit", "Catégorie", "Type d'équipement"),
    *_of(
        "date",
        "French",
        "Date d'achat",
        "Date d'acquisition",
        "Date de facture",
        "Date de commande",
        "Date d'installation",
        "Date de livraison",
    ),
    *_of("country", "French", "Pays", "Pays d'origine"),
    # German (SAP in German says Kreditor for the vendor's account number: not a name).
    *_of(
        "name",
        "German",
        "Lieferant",
        "Lieferantenname",
        "Name des Lieferanten",
        "Hersteller",
        "Herstellername",
        "Marke",
        "Firma",
        "Firmenname",
        "Unternehmen",
        "Zahlungsempfänger",
        "Auftragnehmer",
    ),
    *_of("model", "German", "Modell", "Modellnummer", "Modellbezeichnung", "Typenbezeichnung"),
    *_of("mac", "German", "MAC-Adresse", "Hardwareadresse", "Physische Adresse"),
    *_of("domain", "German", "Webseite", "Internetseite", "Internetadresse"),
    *_of(
        "text",
        "German",
        "Beschreibung",
        "Bezeichnung",
        "Bemerkung",
        "Bemerkungen",
        "Verwendungszweck",
        "Buchungstext",
        "Kommentar",
        "Notizen",
    ),
    *_of("kind", "German", "Gerätetyp", "Geräteart", "Kategorie", "Produktart"),
    *_of(
        "date",
        "German",
        "Kaufdatum",
        "Anschaffungsdatum",
        "Rechnungsdatum",
        "Bestelldatum",
        "Lieferdatum",
        "Installationsdatum",
    ),
    *_of("country", "German", "Land", "Länderschlüssel", "Herkunftsland"),
    # Spanish.
    *_of(
        "name",
        "Spanish",
        "Proveedor",
        "Nombre del proveedor",
        "Fabricante",
        "Marca",
        "Empresa",
        "Razón social",
        "Beneficiario",
    ),
    *_of("model", "Spanish", "Modelo", "Número de modelo"),
    *_of("mac", "Spanish", "Dirección MAC"),
    *_of("domain", "Spanish", "Sitio web", "Página web"),
    *_of("text", "Spanish", "Descripción", "Concepto", "Observaciones", "Notas"),
    *_of("kind", "Spanish", "Tipo de equipo", "Categoría"),
    *_of(
        "date",
        "Spanish",
        "Fecha de compra",
        "Fecha de factura",
        "Fecha de adquisición",
        "Fecha de pedido",
    ),
    *_of("country", "Spanish", "País", "País de origen"),
    # Italian.
    *_of("name", "Italian", "Fornitore", "Ragione sociale", "Produttore", "Azienda"),
    *_of("model", "Italian", "Modello", "Numero di modello"),
    *_of("mac", "Italian", "Indirizzo MAC"),
    *_of("domain", "Italian", "Sito web"),
    *_of("text", "Italian", "Descrizione", "Causale", "Note"),
    *_of("kind", "Italian", "Tipo di dispositivo", "Categoria"),
    *_of("date", "Italian", "Data di acquisto", "Data fattura", "Data ordine"),
    *_of("country", "Italian", "Paese", "Nazione"),
    # Dutch.
    *_of(
        "name",
        "Dutch",
        "Leverancier",
        "Leveranciersnaam",
        "Fabrikant",
        "Merk",
        "Bedrijf",
        "Bedrijfsnaam",
        "Begunstigde",
    ),
    *_of("model", "Dutch", "Modelnummer", "Typenummer"),
    *_of("mac", "Dutch", "MAC-adres"),
    *_of("text", "Dutch", "Omschrijving", "Beschrijving", "Opmerkingen"),
    *_of("kind", "Dutch", "Apparaattype", "Categorie"),
    *_of("date", "Dutch", "Aankoopdatum", "Factuurdatum", "Besteldatum"),
    # Portuguese.
    *_of(
        "name",
        "Portuguese",
        "Fornecedor",
        "Nome do fornecedor",
        "Razão social",
        "Beneficiário",
    ),
    *_of("model", "Portuguese", "Número do modelo"),
    *_of("mac", "Portuguese", "Endereço MAC"),
    *_of("text", "Portuguese", "Descrição", "Observações"),
    *_of("kind", "Portuguese", "Tipo de equipamento"),
    *_of("date", "Portuguese", "Data de compra", "Data da fatura", "Data de aquisição"),
    # Chinese (supplier sheets often come from the suppliers themselves).
    *_of(
        "name",
        "Chinese",
        "供应商",
        "供应商名称",
        "制造商",
        "厂商",
        "生产厂家",
        "厂家",
        "品牌",
        "公司名称",
        "收款人",
    ),
    *_of("model", "Chinese", "型号", "产品型号", "规格型号"),
    *_of("mac", "Chinese", "MAC地址", "物理地址"),
    *_of("domain", "Chinese", "网站", "网址"),
    *_of("text", "Chinese", "描述", "备注", "摘要", "说明"),
    *_of("kind", "Chinese", "产品类型", "设备类型"),
    *_of("date", "Chinese", "采购日期", "购买日期", "发票日期"),
    *_of("country", "Chinese", "国家", "原产国"),
    # Japanese.
    *_of(
        "name",
        "Japanese",
        "仕入先",
        "仕入先名",
        "取引先",
        "取引先名",
        "メーカー",
        "製造元",
        "ブランド",
        "会社名",
        "支払先",
    ),
    *_of("model", "Japanese", "型番", "型式", "製品型番"),
    *_of("mac", "Japanese", "MACアドレス"),
    *_of("domain", "Japanese", "ウェブサイト"),
    *_of("text", "Japanese", "摘要欄", "備考", "品名"),
    *_of("kind", "Japanese", "機器種別"),
    *_of("date", "Japanese", "購入日", "取得日", "請求日", "発注日", "納品日"),
    *_of("country", "Japanese", "国", "原産国名"),
)


ROLE_TEXT: dict[Role, str] = {
    "name": "a supplier's, manufacturer's, brand's or payee's name",
    "model": "a model or part number",
    "mac": "a MAC address",
    "domain": "a web address or domain",
    "fcc_id": "an FCC ID",
    "text": "free text (a description, memo or note), searched for listed names, model numbers "
    "and FCC IDs (a find there is `review` at most)",
    "kind": "what kind of product the record is",
    "date": "the record's own date (purchase, invoice, order, delivery)",
    "country": "a country",
}


def markdown() -> str:
    """`docs/columns.md`: every header by role, with where it comes from."""
    lines = [
        "# Columns banwatch recognises",
        "",
        "<!-- Generated from banwatch/readers/headers.py (`markdown()`);"
        " tests/readers/test_headers.py checks it. -->",
        "",
        "A column is read by its header. Headers are compared without case, accents,",
        "spaces, underscores, hyphens or punctuation: `MAC Address`, `mac_address` and",
        "`MAC-ADDRESS` are one header. Every recognised column is used; columns that",
        "are not recognised are passed through to the output unread. In a name",
        "column, a cell that is an account number or code (`100234`, `V-10023`) is",
        "not read as a name: ERP exports put the vendor's account number beside",
        "its name, and SAP calls the account number `Vendor`. Account-number",
        "headers (`LIFNR`, `Kreditor`, `Vendor account`) are not listed.",
        "",
    ]
    for role, what in ROLE_TEXT.items():
        lines += [f"## `{role}`: {what}", "", "| header | from |", "|---|---|"]
        lines += [f"| {h.text} | {h.origin} |" for h in HEADERS if h.role == role]
        lines.append("")
    return "\n".join(lines)
