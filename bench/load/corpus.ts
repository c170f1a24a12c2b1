/**
 * Indonesian text the benchmark's generator learns word order from: written for this benchmark in the style of
 * coaching notes and proposal sections (pendampingan inovasi pelayanan publik), plus the Indonesian labels and
 * guides of the real templates. The generator makes new sentences from it (see text.ts), so the records compress
 * like real notes rather than like one paragraph repeated.
 */
import proposals from '../../src/shared/templates/proposal-templates.json';
import checklists from '../../src/shared/templates/checklist-templates.json';

const WRITTEN = `
Pendampingan hari ini dihadiri kepala puskesmas, dua orang bidan, petugas pendaftaran dan kader posyandu dari tiga desa.
Kami membahas masalah antrean pendaftaran yang panjang setiap Senin pagi, terutama bagi ibu hamil dan lansia yang datang dari dusun jauh.
Tim sudah mencoba pendaftaran lewat pesan singkat selama dua bulan, tetapi belum ada data berapa warga yang memakainya.
Fasilitator menyarankan agar tim mencatat jumlah pendaftar harian sebelum dan sesudah uji coba supaya dampaknya dapat diukur.
Kepala puskesmas setuju menugaskan satu staf untuk merekap data kunjungan setiap akhir minggu dan melaporkannya pada rapat bulanan.
Kader desa menyampaikan bahwa sebagian warga belum memiliki telepon genggam, sehingga jalur pendaftaran lama tetap perlu dibuka.
Disepakati bahwa nama inovasi akan diganti agar lebih mudah diingat masyarakat dan mencerminkan tujuan layanan.
Bagian Organisasi mengingatkan batas waktu pengisian proposal KIPP dan meminta tim melengkapi dokumen pendukung.
Dokumen yang masih kurang adalah surat keputusan kepala dinas, foto kegiatan, dan hasil survei kepuasan masyarakat.
Camat menjelaskan bahwa pelayanan administrasi kependudukan di kantor kecamatan sering terhambat karena jaringan internet tidak stabil.
Tim kecamatan mengusulkan layanan jemput bola ke desa terpencil dua kali sebulan bersama petugas dukcapil kabupaten.
Peserta sepakat bahwa inovasi harus menjawab masalah nyata yang dirasakan warga, bukan sekadar memenuhi kewajiban satu instansi satu inovasi.
Fasilitator meminta tim menuliskan kondisi awal dengan angka, misalnya rata-rata waktu tunggu, jumlah keluhan, dan jumlah warga yang terlayani.
Pada bagian signifikansi, tim perlu menjelaskan perubahan sebelum dan sesudah inovasi serta cara mengukurnya secara jujur.
Evaluasi internal dapat dilakukan oleh dinas kesehatan, sedangkan evaluasi eksternal oleh inspektorat atau perguruan tinggi setempat.
Tim sekolah menyampaikan program bank sampah yang melibatkan siswa, guru dan orang tua, dengan hasil penjualan untuk beasiswa.
Kendala utama adalah anggaran operasional yang belum masuk dokumen perencanaan tahun depan dan belum ada peraturan bupati sebagai dasar hukum.
Untuk keberlanjutan, tim akan menyusun standar operasional prosedur, melatih staf baru, dan mengusulkan anggaran melalui musyawarah perencanaan pembangunan.
Replikasi sudah terjadi di dua puskesmas tetangga yang meniru sistem antrean daring dengan sedikit penyesuaian.
Fasilitator mencatat bahwa bagian kebaruan masih terlalu umum dan perlu dibandingkan dengan cara kerja sebelumnya.
Tindak lanjut minggu depan adalah wawancara dengan sepuluh pengguna layanan dan penyusunan draf ringkasan inovasi.
Kepala dinas meminta agar data stunting per desa dimasukkan karena menjadi prioritas pemerintah daerah tahun ini.
Petugas gizi menjelaskan kelas ibu balita yang diadakan setiap bulan di posyandu dengan menu makanan lokal yang murah.
Warga mengeluhkan jalan rusak menuju posyandu pada musim hujan sehingga kunjungan balita menurun pada bulan tertentu.
Peserta membahas aplikasi pengaduan masyarakat yang jarang dipakai karena warga lebih terbiasa mengirim pesan melalui grup desa.
Disepakati bahwa admin desa akan meneruskan setiap keluhan ke petugas yang berwenang dan mencatat waktu penyelesaiannya.
Rapat ditutup dengan pembagian tugas: bidan menyiapkan data kunjungan, staf tata usaha menyiapkan surat keputusan, dan kader menyebarkan formulir survei.
Pertemuan berikutnya dijadwalkan di aula kantor bupati bersama seluruh kepala perangkat daerah yang mengikuti kompetisi inovasi.
Inovasi ini lahir dari keluhan warga yang harus datang berkali-kali untuk mengurus akta kelahiran dan kartu keluarga.
Dengan layanan terpadu di kecamatan, waktu penyelesaian dokumen turun dari dua minggu menjadi tiga hari kerja.
Jumlah warga yang memiliki akta kelahiran meningkat, terutama anak usia sekolah di desa yang jauh dari ibu kota kabupaten.
Sumber daya yang digunakan meliputi dua petugas terlatih, satu laptop, printer, dan anggaran perjalanan dari dana desa.
Tim menghadapi penolakan awal dari sebagian staf yang khawatir beban kerja bertambah, tetapi setelah sosialisasi mereka ikut mendukung.
Pelajaran yang dapat dipetik adalah pentingnya melibatkan warga sejak awal dan mencatat data secara rutin agar hasilnya dapat dibuktikan.
`;

function labels(value: unknown, out: string[]): void {
  if (Array.isArray(value)) for (const v of value) labels(v, out);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (
        (k === 'id' || k === 'guide_id' || k === 'description_id') &&
        typeof v === 'string' &&
        v.includes(' ')
      )
        out.push(v.endsWith('.') ? v : `${v}.`);
      else labels(v, out);
    }
  }
}

export function corpus(): string {
  const extra: string[] = [];
  labels(proposals, extra);
  labels(checklists, extra);
  return `${WRITTEN}\n${extra.join('\n')}`;
}
